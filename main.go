package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/provider"
)

// version and commit are stamped at release time by goreleaser.
var (
	version = "dev"
	commit  = "none"
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()

	if err := quietUnreadLogsFromEnv(debug); err != nil {
		log.Fatal(err.Error())
	}
	err := providerserver.Serve(context.Background(), provider.New(version, commit), providerserver.ServeOpts{
		Address: "registry.terraform.io/seed177019bb/signalwire",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
