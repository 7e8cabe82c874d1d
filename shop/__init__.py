"""AstroShop: an astronomy shop built as Flask microservices behind Envoy."""
