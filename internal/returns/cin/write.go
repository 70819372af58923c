package cin

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
)

// Writer writes a census one child at a time, so that a census of any size
// is written without holding it all.
type Writer struct {
	buf *bufio.Writer
	enc *xml.Encoder
	n   int
}

var (
	messageStart  = xml.StartElement{Name: xml.Name{Local: "Message"}}
	childrenStart = xml.StartElement{Name: xml.Name{Local: "Children"}}
	childStart    = xml.StartElement{Name: xml.Name{Local: "Child"}}
)

// NewWriter starts a census with its header.
func NewWriter(w io.Writer, h *Header) (*Writer, error) {
	buf := bufio.NewWriterSize(w, 64<<10)
	if _, err := buf.WriteString(xml.Header); err != nil {
		return nil, err
	}
	cw := &Writer{buf: buf, enc: xml.NewEncoder(buf)}
	cw.enc.Indent("", "  ")
	if err := cw.enc.EncodeToken(messageStart); err != nil {
		return nil, err
	}
	if h != nil {
		if err := cw.enc.EncodeElement(h, xml.StartElement{Name: xml.Name{Local: "Header"}}); err != nil {
			return nil, fmt.Errorf("write header: %w", err)
		}
	}
	if err := cw.enc.EncodeToken(childrenStart); err != nil {
		return nil, err
	}
	return cw, nil
}

// Child writes one child.
func (w *Writer) Child(c *Child) error {
	w.n++
	if err := w.enc.EncodeElement(c, childStart); err != nil {
		return fmt.Errorf("write child %d (%s): %w", w.n, c.ChildIdentifiers.LAchildID, err)
	}
	return nil
}

// Close ends the census and flushes it.
func (w *Writer) Close() error {
	if err := w.enc.EncodeToken(childrenStart.End()); err != nil {
		return err
	}
	if err := w.enc.EncodeToken(messageStart.End()); err != nil {
		return err
	}
	if err := w.enc.Flush(); err != nil {
		return err
	}
	if _, err := w.buf.WriteString("\n"); err != nil {
		return err
	}
	return w.buf.Flush()
}

// Write writes a whole census.
func Write(w io.Writer, m *Message) error {
	cw, err := NewWriter(w, m.Header)
	if err != nil {
		return err
	}
	for i := range m.Children.Child {
		if err := cw.Child(&m.Children.Child[i]); err != nil {
			return err
		}
	}
	return cw.Close()
}
