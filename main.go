package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/provider"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/registry"
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

	if err := provider.QuietUnreadLogs(debug); err != nil {
		log.Fatal(err.Error())
	}
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve(registry.Address, provider.NewServer(version, commit), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
