
use builtin;
use str;

set edit:completion:arg-completer[mtlsctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'mtlsctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'mtlsctl'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand cert 'Create, sign, list and inspect certificates'
            cand ski 'Print the issuer Subject Key Identifier (cf.tls_client_auth.cert_issuer_ski)'
            cand rule 'Check, evaluate, test, generate and lint Cloudflare Rules-language expressions'
            cand crl 'Certificate revocation lists signed by the store CA'
            cand cf 'Deploy and inspect mTLS on a Cloudflare zone: uploaded CAs, hostnames, custom rules, managed client certificates'
            cand serve 'Run a local mTLS edge: real clients, the zone''s rules, Cloudflare''s headers'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cert'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
            cand csr 'Create a private key and a certificate signing request (for Cloudflare''s managed CA)'
            cand sign 'Issue a client certificate for an external CSR, signed by the store CA'
            cand list 'List what the store CA issued'
            cand inspect 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
            cand verify 'Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation)'
            cand revoke 'Mark a certificate issued by the store CA as revoked'
            cand export 'Export a certificate and its key as PKCS#12 for phones and devices'
            cand renew 'Issue a new certificate with the same subject, SANs and profile'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cert;create'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --cn 'The common name (CN)'
            cand --subject 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"'
            cand --san 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS'
            cand --key-type 'Key type'
            cand --days 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)'
            cand --not-after 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y'
            cand --issuer-cert 'Issuer certificate (instead of the store CA)'
            cand --issuer-key 'Issuer private key'
            cand --out 'Certificate output file (default: ./<name>.crt; for --ca, the store)'
            cand --key-out 'Key output file (default: next to the certificate, .key)'
            cand --password-file 'Read key passwords from this file (first line): for --encrypt-key and an encrypted issuer key'
            cand --count 'Make N client certificates in one run: <name>-001.crt ... (one key each)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --ca 'A self-signed root CA (into the store unless --out is given)'
            cand --intermediate 'An intermediate CA (pathlen 0), signed by the store CA or --issuer-cert'
            cand --client 'A client certificate (the default)'
            cand --force 'Replace existing files'
            cand --encrypt-key 'Encrypt the new private key (PKCS#8, PBES2 AES-256); password from --password-file, MTLSCTL_NEW_KEY_PASSWORD or MTLSCTL_CA_PASSWORD'
            cand --p12 'Also write a PKCS#12 file (<name>.p12); password from MTLSCTL_P12_PASSWORD or a prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;csr'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --cn 'The common name (CN)'
            cand --subject 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"'
            cand --san 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS'
            cand --key-type 'Key type'
            cand --out 'CSR output file (default: ./<name>.csr)'
            cand --key-out 'Key output file (default: ./<name>.key)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --force 'Replace existing files'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;sign'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --cn 'The common name (CN)'
            cand --subject 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"'
            cand --san 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS'
            cand --days 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)'
            cand --not-after 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y'
            cand --issuer-cert 'Issuer certificate (instead of the store CA)'
            cand --issuer-key 'Issuer private key'
            cand --out 'Certificate output file (default: the CSR''s name with .crt)'
            cand --password-file 'Read the password of an encrypted issuer key from this file (first line)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --force 'Replace an existing file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;list'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --expiring 'Only certificates not yet expired that expire within this duration (e.g. 30d, 12h)'
            cand --status 'Only certificates with this status: valid, expired, revoked, superseded, pending'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;inspect'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --issuer 'The issuing CA, for cert_issuer_serial (default: the store CA, if it signed the file)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;verify'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --ca 'Trust anchors: the CAs uploaded to Cloudflare (repeatable, bundles allowed; default: the store CA)'
            cand --chain 'Intermediate certificates the client sends'
            cand --crl 'CRLs, PEM or DER (repeatable; the store''s revocations are always read). They say what is revoked locally; the edge applies them only with --managed-ca'
            cand --at 'Validate at this time (RFC 3339) instead of now'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --managed-ca 'The certificate comes from Cloudflare''s managed CA, where the edge checks revocation: the store''s records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an uploaded CA, e.g. the store CA) the edge''s cert_revoked is always false and local revocation is reported apart, as revoked_locally'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;revoke'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --reason 'RFC 5280 reason: keyCompromise, superseded, cessationOfOperation, affiliationChanged, ...'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;export'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --key 'The private key (default: next to the certificate, .key)'
            cand --chain 'Chain certificates to include (default: the store CA when it issued the certificate)'
            cand --profile 'PKCS#12 profile: modern (AES-256, PBKDF2-SHA256) or legacy (3DES, SHA-1 MAC: weak, transport to phones only)'
            cand --out 'Output file (default: next to the certificate, .p12)'
            cand --password-file 'Read the PKCS#12 password from this file (first line)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --p12 'Write PKCS#12 (the only export format for now)'
            cand --empty-password 'Allow an empty PKCS#12 password'
            cand --force 'Replace an existing file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;renew'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --days 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)'
            cand --not-after 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y'
            cand --issuer-cert 'Issuer certificate (instead of the store CA)'
            cand --issuer-key 'Issuer private key'
            cand --out 'Certificate output file (default: replace FILE, which needs --force)'
            cand --key-out 'Key output file (default: next to the certificate, .key)'
            cand --password-file 'Read the password of an encrypted issuer key from this file (first line)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --reuse-key 'Keep the existing key (default: a new key of the same type)'
            cand --revoke-old 'Revoke the old certificate (default: record it as superseded)'
            cand --intermediate 'FILE is an intermediate CA and a new intermediate CA is meant (required for CA certificates)'
            cand --force 'Replace existing files'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;help'= {
            cand create 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
            cand csr 'Create a private key and a certificate signing request (for Cloudflare''s managed CA)'
            cand sign 'Issue a client certificate for an external CSR, signed by the store CA'
            cand list 'List what the store CA issued'
            cand inspect 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
            cand verify 'Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation)'
            cand revoke 'Mark a certificate issued by the store CA as revoked'
            cand export 'Export a certificate and its key as PKCS#12 for phones and devices'
            cand renew 'Issue a new certificate with the same subject, SANs and profile'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cert;help;create'= {
        }
        &'mtlsctl;cert;help;csr'= {
        }
        &'mtlsctl;cert;help;sign'= {
        }
        &'mtlsctl;cert;help;list'= {
        }
        &'mtlsctl;cert;help;inspect'= {
        }
        &'mtlsctl;cert;help;verify'= {
        }
        &'mtlsctl;cert;help;revoke'= {
        }
        &'mtlsctl;cert;help;export'= {
        }
        &'mtlsctl;cert;help;renew'= {
        }
        &'mtlsctl;cert;help;help'= {
        }
        &'mtlsctl;ski'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --issuer 'The issuing CA, used when a certificate has no AKI key id (its signature is checked)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --all 'Every certificate in each file, not only the first'
            cand --own 'Print the certificate''s own SKI (cf.tls_client_auth.cert_ski) instead'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;rule'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Parse and type-check an expression; print its canonical form'
            cand fields 'List the fields the Rules language knows, with their types'
            cand eval 'Evaluate an expression against explicit field values'
            cand test 'Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why'
            cand generate 'Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent'
            cand lint 'Find the mistakes operators make in mTLS rules'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;rule;check'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;rule;fields'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;rule;eval'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --set 'A field value, FIELD=VALUE (repeatable)'
            cand --batch 'Evaluate a JSONL file of {"expr", "fields"} lines (`-` for stdin)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --explain 'Print the evaluation trace as a tree'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;rule;test'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --cert 'The client certificate (PEM or DER)'
            cand --ca 'Trust anchors: the CAs uploaded to Cloudflare (repeatable, bundles allowed; default: the store CA)'
            cand --chain 'Intermediate certificates the client sends'
            cand --crl 'CRLs, PEM or DER (repeatable; the store''s revocations are always read). They say what is revoked locally; the edge applies them only with --managed-ca'
            cand --at 'Validate at this time (RFC 3339) instead of now'
            cand --path 'The request path (a ?query part goes to the query)'
            cand --url 'The whole URL, https://host/path?query'
            cand --host 'The Host header'
            cand --method 'The method'
            cand --header 'A request header, "Name: value" (repeatable)'
            cand --ip 'The client IP address'
            cand --port 'The edge server port'
            cand --normalize 'The zone''s URL normalization of http.request.uri.path: rfc3986 (the default: never merges slashes), cloudflare (also `\` to `/` and merged slashes; match your zone''s setting) or off (the path as sent)'
            cand --set 'Override any field last, FIELD=VALUE (repeatable)'
            cand --expr 'One expression to test (action block)'
            cand --rules 'A rules file (mtlsctl.yaml format)'
            cand --expect 'Exit 0 when the verdict is this (allow or block), 1 otherwise'
            cand --requests 'Test many requests, one JSON object per line (`-` for stdin)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --no-cert 'The client sends no certificate'
            cand --managed-ca 'The certificate comes from Cloudflare''s managed CA, where the edge checks revocation: the store''s records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an uploaded CA, e.g. the store CA) the edge''s cert_revoked is always false and local revocation is reported apart, as revoked_locally'
            cand --allow-cert-files 'With --requests: a line''s cert/chain may name a file (relative to the JSONL file''s directory; regular files only). Without it only inline PEM is taken'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;rule;generate'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --path 'An exact path to protect (repeatable)'
            cand --path-prefix 'A path and its whole subtree to protect (repeatable)'
            cand --host 'Limit the rule to this host (repeatable)'
            cand --issuer-ski 'Pin the issuer SKI (hex)'
            cand --pin-ca 'Pin the SKI of this CA certificate'
            cand --action 'The action: block, managed_challenge, js_challenge, challenge, skip, log'
            cand --ref 'The rule''s ref'
            cand --description 'The rule''s description'
            cand --rules 'Generate from every rule of a rules file instead'
            cand --format 'Output: expression, json, terraform or yaml'
            cand --crl 'With --block-revoked: also block what this CRL lists (repeatable, PEM or DER)'
            cand --plan 'The zone''s Cloudflare plan: free, pro, business, enterprise. Nothing the plan cannot deploy is emitted (below pro: no custom block response, and one the rules file gives is an error; below enterprise: no log action)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --no-revocation-check 'Do not block revoked certificates'
            cand --case-insensitive 'Match paths case-insensitively (lower())'
            cand --entrypoint 'With --format json: wrap all rules as the entrypoint PUT body'
            cand --save 'Append the rule to ./mtlsctl.yaml (with --block-revoked: replace the mtls_revoked_* rules)'
            cand --block-revoked 'Write the rules that block revoked certificates by serial (from the store''s records and every --crl), for an uploaded CA whose revocations the edge never checks'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;rule;lint'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --rules 'A rules file (mtlsctl.yaml format)'
            cand --plan 'The Cloudflare plan, for plan limits: free, pro, business, enterprise'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --managed-ca 'The rules are for certificates of Cloudflare''s managed CA, where the edge checks revocation (no `revoked-not-enforced` finding)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;rule;help'= {
            cand check 'Parse and type-check an expression; print its canonical form'
            cand fields 'List the fields the Rules language knows, with their types'
            cand eval 'Evaluate an expression against explicit field values'
            cand test 'Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why'
            cand generate 'Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent'
            cand lint 'Find the mistakes operators make in mTLS rules'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;rule;help;check'= {
        }
        &'mtlsctl;rule;help;fields'= {
        }
        &'mtlsctl;rule;help;eval'= {
        }
        &'mtlsctl;rule;help;test'= {
        }
        &'mtlsctl;rule;help;generate'= {
        }
        &'mtlsctl;rule;help;lint'= {
        }
        &'mtlsctl;rule;help;help'= {
        }
        &'mtlsctl;crl'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Write a CRL of the store''s revocations, signed by the store CA'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;crl;create'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --out 'Output file (default: stdout)'
            cand --days 'Days until nextUpdate'
            cand --password-file 'Read the password of an encrypted CA key from this file (first line)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --der 'Write DER instead of PEM'
            cand --force 'Replace an existing file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;crl;help'= {
            cand create 'Write a CRL of the store''s revocations, signed by the store CA'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;crl;help;create'= {
        }
        &'mtlsctl;crl;help;help'= {
        }
        &'mtlsctl;cf'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Show the zone''s mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates'
            cand plan 'Show what `cf apply` would change (exit 0 none, 3 pending, 2 error)'
            cand apply 'Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`'
            cand ca 'Uploaded CAs (BYO CA, account mTLS certificates)'
            cand hostnames 'Hostnames on which mTLS is on, per CA'
            cand rules 'The zone''s custom rules and mtlsctl.yaml'
            cand client-cert 'Client certificates from Cloudflare''s managed CA'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;status'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --rules 'A rules file whose `cloudflare:` section names the zone (default: ./mtlsctl.yaml if present)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;plan'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --rules 'The rules file with the `cloudflare:` section'
            cand --out 'Also save the plan to FILE, for `mtlsctl cf apply FILE` (not written when the zone would refuse the plan)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;apply'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --rules 'The rules file with the `cloudflare:` section [default: mtlsctl.yaml]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -y 'Apply without asking (needed when stdin is not a terminal; a PLANFILE is applied without asking)'
            cand --yes 'Apply without asking (needed when stdin is not a terminal; a PLANFILE is applied without asking)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;ca'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand upload 'Upload a CA certificate (refused if the same certificate is already uploaded)'
            cand list 'List the account''s uploaded certificates with their SKI'
            cand delete 'Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;ca;upload'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --name 'The name to give it'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;ca;list'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;ca;delete'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;ca;help'= {
            cand upload 'Upload a CA certificate (refused if the same certificate is already uploaded)'
            cand list 'List the account''s uploaded certificates with their SKI'
            cand delete 'Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;ca;help;upload'= {
        }
        &'mtlsctl;cf;ca;help;list'= {
        }
        &'mtlsctl;cf;ca;help;delete'= {
        }
        &'mtlsctl;cf;ca;help;help'= {
        }
        &'mtlsctl;cf;hostnames'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the hostnames on a CA'
            cand add 'Turn mTLS on for hostnames (read, add, write back: nothing else is dropped)'
            cand remove 'Turn mTLS off for hostnames (read, remove, write back)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;hostnames;list'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --ca 'The CA: an uploaded certificate''s id, `managed`, or `store` (the default: the store CA as uploaded)'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;hostnames;add'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --ca 'The CA: an uploaded certificate''s id, `managed`, or `store` (the default: the store CA as uploaded)'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;hostnames;remove'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --ca 'The CA: an uploaded certificate''s id, `managed`, or `store` (the default: the store CA as uploaded)'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;hostnames;help'= {
            cand list 'List the hostnames on a CA'
            cand add 'Turn mTLS on for hostnames (read, add, write back: nothing else is dropped)'
            cand remove 'Turn mTLS off for hostnames (read, remove, write back)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;hostnames;help;list'= {
        }
        &'mtlsctl;cf;hostnames;help;add'= {
        }
        &'mtlsctl;cf;hostnames;help;remove'= {
        }
        &'mtlsctl;cf;hostnames;help;help'= {
        }
        &'mtlsctl;cf;rules'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand pull 'Write the zone''s custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed'
            cand push 'Deploy the file''s rules by ref (rules mtlsctl does not own stay untouched and in place)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;rules;pull'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --out 'The file to write'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --mtls-only 'Only the rules that read cf.tls_client_auth.* fields'
            cand --force 'Replace an existing file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;rules;push'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --rules 'The rules file with the `cloudflare:` section'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -y 'Apply without asking (needed when stdin is not a terminal)'
            cand --yes 'Apply without asking (needed when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;rules;help'= {
            cand pull 'Write the zone''s custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed'
            cand push 'Deploy the file''s rules by ref (rules mtlsctl does not own stay untouched and in place)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;rules;help;pull'= {
        }
        &'mtlsctl;cf;rules;help;push'= {
        }
        &'mtlsctl;cf;rules;help;help'= {
        }
        &'mtlsctl;cf;client-cert'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Have Cloudflare''s managed CA sign a CSR (mtlsctl cert csr makes one)'
            cand list 'List the zone''s managed client certificates'
            cand revoke 'Revoke a managed client certificate'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;client-cert;create'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --csr 'The CSR (PEM)'
            cand --days 'Validity in days'
            cand --out 'Write the certificate here (default: stdout)'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --force 'Replace an existing file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;client-cert;list'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;client-cert;revoke'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --zone 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cf;client-cert;help'= {
            cand create 'Have Cloudflare''s managed CA sign a CSR (mtlsctl cert csr makes one)'
            cand list 'List the zone''s managed client certificates'
            cand revoke 'Revoke a managed client certificate'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;client-cert;help;create'= {
        }
        &'mtlsctl;cf;client-cert;help;list'= {
        }
        &'mtlsctl;cf;client-cert;help;revoke'= {
        }
        &'mtlsctl;cf;client-cert;help;help'= {
        }
        &'mtlsctl;cf;help'= {
            cand status 'Show the zone''s mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates'
            cand plan 'Show what `cf apply` would change (exit 0 none, 3 pending, 2 error)'
            cand apply 'Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`'
            cand ca 'Uploaded CAs (BYO CA, account mTLS certificates)'
            cand hostnames 'Hostnames on which mTLS is on, per CA'
            cand rules 'The zone''s custom rules and mtlsctl.yaml'
            cand client-cert 'Client certificates from Cloudflare''s managed CA'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cf;help;status'= {
        }
        &'mtlsctl;cf;help;plan'= {
        }
        &'mtlsctl;cf;help;apply'= {
        }
        &'mtlsctl;cf;help;ca'= {
            cand upload 'Upload a CA certificate (refused if the same certificate is already uploaded)'
            cand list 'List the account''s uploaded certificates with their SKI'
            cand delete 'Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it)'
        }
        &'mtlsctl;cf;help;ca;upload'= {
        }
        &'mtlsctl;cf;help;ca;list'= {
        }
        &'mtlsctl;cf;help;ca;delete'= {
        }
        &'mtlsctl;cf;help;hostnames'= {
            cand list 'List the hostnames on a CA'
            cand add 'Turn mTLS on for hostnames (read, add, write back: nothing else is dropped)'
            cand remove 'Turn mTLS off for hostnames (read, remove, write back)'
        }
        &'mtlsctl;cf;help;hostnames;list'= {
        }
        &'mtlsctl;cf;help;hostnames;add'= {
        }
        &'mtlsctl;cf;help;hostnames;remove'= {
        }
        &'mtlsctl;cf;help;rules'= {
            cand pull 'Write the zone''s custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed'
            cand push 'Deploy the file''s rules by ref (rules mtlsctl does not own stay untouched and in place)'
        }
        &'mtlsctl;cf;help;rules;pull'= {
        }
        &'mtlsctl;cf;help;rules;push'= {
        }
        &'mtlsctl;cf;help;client-cert'= {
            cand create 'Have Cloudflare''s managed CA sign a CSR (mtlsctl cert csr makes one)'
            cand list 'List the zone''s managed client certificates'
            cand revoke 'Revoke a managed client certificate'
        }
        &'mtlsctl;cf;help;client-cert;create'= {
        }
        &'mtlsctl;cf;help;client-cert;list'= {
        }
        &'mtlsctl;cf;help;client-cert;revoke'= {
        }
        &'mtlsctl;cf;help;help'= {
        }
        &'mtlsctl;serve'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --listen 'Address to listen on (loopback unless you say otherwise; port 0 picks a free one)'
            cand --hostname 'A hostname with mTLS enabled: a client certificate is requested (repeatable; default localhost; a name, not an IP address: clients send no SNI for one)'
            cand --plain-hostname 'A hostname served without mTLS (added to the server certificate; repeatable)'
            cand --upstream 'The origin for allowed requests, http://host:port or https://host:port (default: a JSON echo)'
            cand --upstream-ca 'Also trust this CA for an https:// origin''s certificate (PEM; repeatable; the system''s CAs are always trusted)'
            cand --origin-client-cert 'Authenticated Origin Pulls: present this client certificate to the https:// origin (PEM, leaf first)'
            cand --origin-client-key 'The key of --origin-client-cert'
            cand --headers 'Headers added for the origin: managed, rfc9440, access, none (repeatable or comma-separated)'
            cand --expr 'One expression to run (action block)'
            cand --rules 'A rules file (mtlsctl.yaml format); reloaded when it changes'
            cand --ca 'Trust anchors: the CAs uploaded to Cloudflare (repeatable; default: the store CA)'
            cand --crl 'CRLs, PEM or DER (repeatable; the store''s revocations are always used)'
            cand --normalize 'URL normalization applied to http.request.uri.path: rfc3986, cloudflare or off'
            cand --server-cert 'The server certificate (PEM, leaf first) instead of one issued from the store CA'
            cand --server-key 'The server certificate''s key'
            cand --log 'Append one `rule test --requests` line per request to this file'
            cand --max-connections 'Open connections at most; further ones are closed at once'
            cand --handshake-timeout 'Time allowed for the TLS handshake'
            cand --header-timeout 'Time allowed for a request head; also how long a connection may wait between requests (HTTP/1 and HTTP/2)'
            cand --idle-timeout 'A connection without a request in flight for this long is closed'
            cand --max-header-bytes 'Largest request head in bytes'
            cand --shutdown-timeout 'How long SIGINT/SIGTERM wait for requests in flight'
            cand --password-file 'Key password file for an encrypted key (the store CA''s, --server-key, --origin-client-key)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand --upstream-insecure 'SSL mode Full instead of Full (strict): encrypt to the https:// origin without verifying its certificate'
            cand --managed-ca 'The clients'' certificates come from Cloudflare''s managed CA, where the edge checks revocation: the store''s records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an uploaded CA, e.g. the store CA) cert_revoked is always false, as on the edge; block revoked certificates with `rule generate --block-revoked`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;completions'= {
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;help'= {
            cand cert 'Create, sign, list and inspect certificates'
            cand ski 'Print the issuer Subject Key Identifier (cf.tls_client_auth.cert_issuer_ski)'
            cand rule 'Check, evaluate, test, generate and lint Cloudflare Rules-language expressions'
            cand crl 'Certificate revocation lists signed by the store CA'
            cand cf 'Deploy and inspect mTLS on a Cloudflare zone: uploaded CAs, hostnames, custom rules, managed client certificates'
            cand serve 'Run a local mTLS edge: real clients, the zone''s rules, Cloudflare''s headers'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;help;cert'= {
            cand create 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
            cand csr 'Create a private key and a certificate signing request (for Cloudflare''s managed CA)'
            cand sign 'Issue a client certificate for an external CSR, signed by the store CA'
            cand list 'List what the store CA issued'
            cand inspect 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
            cand verify 'Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation)'
            cand revoke 'Mark a certificate issued by the store CA as revoked'
            cand export 'Export a certificate and its key as PKCS#12 for phones and devices'
            cand renew 'Issue a new certificate with the same subject, SANs and profile'
        }
        &'mtlsctl;help;cert;create'= {
        }
        &'mtlsctl;help;cert;csr'= {
        }
        &'mtlsctl;help;cert;sign'= {
        }
        &'mtlsctl;help;cert;list'= {
        }
        &'mtlsctl;help;cert;inspect'= {
        }
        &'mtlsctl;help;cert;verify'= {
        }
        &'mtlsctl;help;cert;revoke'= {
        }
        &'mtlsctl;help;cert;export'= {
        }
        &'mtlsctl;help;cert;renew'= {
        }
        &'mtlsctl;help;ski'= {
        }
        &'mtlsctl;help;rule'= {
            cand check 'Parse and type-check an expression; print its canonical form'
            cand fields 'List the fields the Rules language knows, with their types'
            cand eval 'Evaluate an expression against explicit field values'
            cand test 'Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why'
            cand generate 'Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent'
            cand lint 'Find the mistakes operators make in mTLS rules'
        }
        &'mtlsctl;help;rule;check'= {
        }
        &'mtlsctl;help;rule;fields'= {
        }
        &'mtlsctl;help;rule;eval'= {
        }
        &'mtlsctl;help;rule;test'= {
        }
        &'mtlsctl;help;rule;generate'= {
        }
        &'mtlsctl;help;rule;lint'= {
        }
        &'mtlsctl;help;crl'= {
            cand create 'Write a CRL of the store''s revocations, signed by the store CA'
        }
        &'mtlsctl;help;crl;create'= {
        }
        &'mtlsctl;help;cf'= {
            cand status 'Show the zone''s mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates'
            cand plan 'Show what `cf apply` would change (exit 0 none, 3 pending, 2 error)'
            cand apply 'Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`'
            cand ca 'Uploaded CAs (BYO CA, account mTLS certificates)'
            cand hostnames 'Hostnames on which mTLS is on, per CA'
            cand rules 'The zone''s custom rules and mtlsctl.yaml'
            cand client-cert 'Client certificates from Cloudflare''s managed CA'
        }
        &'mtlsctl;help;cf;status'= {
        }
        &'mtlsctl;help;cf;plan'= {
        }
        &'mtlsctl;help;cf;apply'= {
        }
        &'mtlsctl;help;cf;ca'= {
            cand upload 'Upload a CA certificate (refused if the same certificate is already uploaded)'
            cand list 'List the account''s uploaded certificates with their SKI'
            cand delete 'Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it)'
        }
        &'mtlsctl;help;cf;ca;upload'= {
        }
        &'mtlsctl;help;cf;ca;list'= {
        }
        &'mtlsctl;help;cf;ca;delete'= {
        }
        &'mtlsctl;help;cf;hostnames'= {
            cand list 'List the hostnames on a CA'
            cand add 'Turn mTLS on for hostnames (read, add, write back: nothing else is dropped)'
            cand remove 'Turn mTLS off for hostnames (read, remove, write back)'
        }
        &'mtlsctl;help;cf;hostnames;list'= {
        }
        &'mtlsctl;help;cf;hostnames;add'= {
        }
        &'mtlsctl;help;cf;hostnames;remove'= {
        }
        &'mtlsctl;help;cf;rules'= {
            cand pull 'Write the zone''s custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed'
            cand push 'Deploy the file''s rules by ref (rules mtlsctl does not own stay untouched and in place)'
        }
        &'mtlsctl;help;cf;rules;pull'= {
        }
        &'mtlsctl;help;cf;rules;push'= {
        }
        &'mtlsctl;help;cf;client-cert'= {
            cand create 'Have Cloudflare''s managed CA sign a CSR (mtlsctl cert csr makes one)'
            cand list 'List the zone''s managed client certificates'
            cand revoke 'Revoke a managed client certificate'
        }
        &'mtlsctl;help;cf;client-cert;create'= {
        }
        &'mtlsctl;help;cf;client-cert;list'= {
        }
        &'mtlsctl;help;cf;client-cert;revoke'= {
        }
        &'mtlsctl;help;serve'= {
        }
        &'mtlsctl;help;completions'= {
        }
        &'mtlsctl;help;help'= {
        }
    ]
    $completions[$command]
}
