module github.com/waymark-care/waymark

go 1.26
