terraform {
  required_providers {
    hybrid = {
      source = "hybridlint/hybrid"
    }
  }
}

# The provider takes no configuration: it calls no cloud API and needs no credentials.
provider "hybrid" {}
