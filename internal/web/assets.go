package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"path"
	"time"
)

//go:embed assets
var embeddedAssets embed.FS

// assetTypes fixes the content type of each kind of file we ship, rather than
// trusting the host's MIME tables, which differ between machines.
var assetTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".mjs": "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
	".txt": "text/plain; charset=utf-8",
}

// hashAssets returns a short hash of every asset's path and content. It is
// part of each asset's URL, so a release that changes any asset changes every
// URL and browsers can cache assets for a year.
func hashAssets(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		io.WriteString(h, p+"\x00")
		_, err = io.Copy(h, f)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:12], err
}

// assetURL returns the URL of the asset at p, relative to internal/web/assets.
func (s *Server) assetURL(p string) string {
	return "/assets/" + s.assetVersion + "/" + p
}

// serveAsset serves GET /assets/{version}/{path...}. An old version is still
// served, in case a page from the previous release asks for it during a
// deployment, but must be revalidated.
func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) {
	p := r.PathValue("path")
	ctype, known := assetTypes[path.Ext(p)]
	if !known || !fs.ValidPath(p) {
		s.Error(w, r, http.StatusNotFound)
		return
	}
	f, err := s.assets.Open(p)
	if err != nil {
		s.Error(w, r, http.StatusNotFound)
		return
	}
	defer f.Close()
	content, ok := f.(io.ReadSeeker)
	if info, err := f.Stat(); !ok || err != nil || info.IsDir() {
		s.Error(w, r, http.StatusNotFound)
		return
	}

	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("ETag", `"`+s.assetVersion+`"`)
	if r.PathValue("version") == s.assetVersion {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, p, time.Time{}, content)
}
