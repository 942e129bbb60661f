#!/usr/bin/env bash
# DEVELOPMENT ONLY. Makes the TLS certificate 'mvn jetty:run' serves https://localhost:8443 with:
# a self-signed certificate for localhost and 127.0.0.1, made on this machine by the build and
# never committed. Leaves it alone once made (mvn clean makes a new one).
#   target/dev-tls/localhost.p12  key and certificate, for Jetty (store password: dev-only)
#   target/dev-tls/localhost.pem  the certificate, for clients: curl --cacert target/dev-tls/localhost.pem
# Usage: dev-certificate.sh KEYTOOL TARGET_DIR
set -euo pipefail
keytool=$1 # run with C1 only: two short runs, each about 0.2 s faster
dir=$2/dev-tls
if [ -s "$dir/localhost.p12" ] && [ -s "$dir/localhost.pem" ]; then
  exit 0
fi
mkdir -p "$dir"
rm -f "$dir/localhost.p12" "$dir/localhost.pem"
"$keytool" -J-XX:TieredStopAtLevel=1 -genkeypair -noprompt -alias localhost -keyalg EC -groupname secp256r1 -validity 825 \
  -dname "CN=localhost, O=secure-rest-api development" -ext "SAN=dns:localhost,ip:127.0.0.1" \
  -keystore "$dir/localhost.p12" -storetype PKCS12 -storepass dev-only
"$keytool" -J-XX:TieredStopAtLevel=1 -exportcert -rfc -alias localhost -keystore "$dir/localhost.p12" -storepass dev-only \
  -file "$dir/localhost.pem"
echo "Made a development TLS certificate for localhost: $dir/localhost.pem"
