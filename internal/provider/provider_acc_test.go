package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

func TestAccProvider_userAgent(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.participant(call)),
			Check: func(*terraform.State) error {
				ua := regexp.MustCompile(`^terraform-provider-signalwire/test \(\+https://registry\.terraform\.io/seed177019bb/signalwire; commit test\) Terraform/\d+\.\d+\.\d+`)
				for _, got := range f.seenUserAgents() {
					if !ua.MatchString(got) {
						return fmt.Errorf("User-Agent %q does not name the provider and Terraform versions", got)
					}
				}
				return nil
			},
		}},
	})
}
