// Package validate holds the attribute validators this provider needs beyond
// the stock terraform-plugin-framework-validators.
package validate
