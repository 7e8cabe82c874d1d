"""The cluster: hosts from Terraform (network namespaces), the shop deployed on them by Ansible."""
