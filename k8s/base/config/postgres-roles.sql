-- Generated from the model (harness/model/) by `astroshop k8s generate`; do not edit.
-- Shared by compose.yaml and the Kubernetes manifests.
\set ON_ERROR_STOP on
\getenv astroshop_db_password_cart ASTROSHOP_DB_PASSWORD_CART
\getenv astroshop_db_password_payment ASTROSHOP_DB_PASSWORD_PAYMENT
\getenv astroshop_db_password_email ASTROSHOP_DB_PASSWORD_EMAIL
\getenv astroshop_db_password_checkout ASTROSHOP_DB_PASSWORD_CHECKOUT
\getenv astroshop_db_password_accounts ASTROSHOP_DB_PASSWORD_ACCOUNTS
BEGIN;
REVOKE ALL ON DATABASE astroshop FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'astroshop_cart') THEN CREATE ROLE astroshop_cart; END IF; END $$;
ALTER ROLE astroshop_cart WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'astroshop_db_password_cart';
GRANT CONNECT ON DATABASE astroshop TO astroshop_cart;
CREATE SCHEMA IF NOT EXISTS astroshop_cart AUTHORIZATION astroshop_cart;
REVOKE ALL ON SCHEMA astroshop_cart FROM PUBLIC;
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'astroshop_payment') THEN CREATE ROLE astroshop_payment; END IF; END $$;
ALTER ROLE astroshop_payment WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'astroshop_db_password_payment';
GRANT CONNECT ON DATABASE astroshop TO astroshop_payment;
CREATE SCHEMA IF NOT EXISTS astroshop_payment AUTHORIZATION astroshop_payment;
REVOKE ALL ON SCHEMA astroshop_payment FROM PUBLIC;
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'astroshop_email') THEN CREATE ROLE astroshop_email; END IF; END $$;
ALTER ROLE astroshop_email WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'astroshop_db_password_email';
GRANT CONNECT ON DATABASE astroshop TO astroshop_email;
CREATE SCHEMA IF NOT EXISTS astroshop_email AUTHORIZATION astroshop_email;
REVOKE ALL ON SCHEMA astroshop_email FROM PUBLIC;
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'astroshop_checkout') THEN CREATE ROLE astroshop_checkout; END IF; END $$;
ALTER ROLE astroshop_checkout WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'astroshop_db_password_checkout';
GRANT CONNECT ON DATABASE astroshop TO astroshop_checkout;
CREATE SCHEMA IF NOT EXISTS astroshop_checkout AUTHORIZATION astroshop_checkout;
REVOKE ALL ON SCHEMA astroshop_checkout FROM PUBLIC;
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'astroshop_accounts') THEN CREATE ROLE astroshop_accounts; END IF; END $$;
ALTER ROLE astroshop_accounts WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'astroshop_db_password_accounts';
GRANT CONNECT ON DATABASE astroshop TO astroshop_accounts;
CREATE SCHEMA IF NOT EXISTS astroshop_accounts AUTHORIZATION astroshop_accounts;
REVOKE ALL ON SCHEMA astroshop_accounts FROM PUBLIC;
COMMIT;
