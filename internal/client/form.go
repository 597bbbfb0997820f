package client

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
)

// encodeForm encodes the non-nil pointer fields of the struct v under their
// `form` tags: *bool as "true"/"false", *string as is, *int as decimal.
// Fields without a tag are not sent. It panics on a tagged field of another
// type, which is a programming error caught by the package's tests.
func encodeForm(v any) url.Values {
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	out := make(url.Values, rt.NumField())
	for i := range rt.NumField() {
		name := rt.Field(i).Tag.Get("form")
		f := rv.Field(i)
		if name == "" || f.IsNil() {
			continue
		}
		switch e := f.Elem(); e.Kind() {
		case reflect.Bool:
			out.Set(name, boolString(e.Bool()))
		case reflect.String:
			out.Set(name, e.String())
		case reflect.Int, reflect.Int64:
			out.Set(name, strconv.FormatInt(e.Int(), 10))
		default:
			panic(fmt.Sprintf("client: form field %s has unsupported type %s", rt.Field(i).Name, f.Type()))
		}
	}
	return out
}
