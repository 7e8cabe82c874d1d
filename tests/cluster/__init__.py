"""The cluster suite: Terraform, Ansible, sshd in network namespaces; needs root."""
