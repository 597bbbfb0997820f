package client

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// excerpt is the readable text of a body that is not the API's error: an
// HTML page (a proxy's or load balancer's error page) loses its tags,
// comments, scripts and styles; any text then has its whitespace folded and
// is cut to maxErrorMessage characters by cleanText.
func excerpt(body []byte) string {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return ""
	}
	if body[0] != '<' {
		return cleanText(string(body))
	}
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(body))
	skip := 0 // depth inside <script> or <style>
	for b.Len() < 4*maxErrorMessage {
		switch z.Next() {
		case html.ErrorToken:
			return cleanText(b.String())
		case html.StartTagToken:
			if isHiddenElement(z) {
				skip++
			}
		case html.EndTagToken:
			if isHiddenElement(z) && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
				b.WriteByte(' ')
			}
		}
	}
	return cleanText(b.String())
}

func isHiddenElement(z *html.Tokenizer) bool {
	name, _ := z.TagName()
	switch string(name) {
	case "script", "style":
		return true
	}
	return false
}
