# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mtlsctl_global_optspecs
    string join \n store= json color= q/quiet h/help V/version
end

function __fish_mtlsctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mtlsctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mtlsctl_using_subcommand
    set -l cmd (__fish_mtlsctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "cert" -d 'Create, sign, list and inspect certificates'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "ski" -d 'Print the issuer Subject Key Identifier (cf.tls_client_auth.cert_issuer_ski)'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "rule" -d 'Check, evaluate, test, generate and lint Cloudflare Rules-language expressions'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "crl" -d 'Certificate revocation lists signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "cf" -d 'Deploy and inspect mTLS on a Cloudflare zone: uploaded CAs, hostnames, custom rules, managed client certificates'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "serve" -d 'Run a local mTLS edge: real clients, the zone\'s rules, Cloudflare\'s headers'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "create" -d 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "csr" -d 'Create a private key and a certificate signing request (for Cloudflare\'s managed CA)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "sign" -d 'Issue a client certificate for an external CSR, signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "list" -d 'List what the store CA issued'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "inspect" -d 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "verify" -d 'Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "revoke" -d 'Mark a certificate issued by the store CA as revoked'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "export" -d 'Export a certificate and its key as PKCS#12 for phones and devices'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "renew" -d 'Issue a new certificate with the same subject, SANs and profile'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect verify revoke export renew help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l cn -d 'The common name (CN)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l subject -d 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l san -d 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l key-type -d 'Key type' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l days -d 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l not-after -d 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l issuer-cert -d 'Issuer certificate (instead of the store CA)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l issuer-key -d 'Issuer private key' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l out -d 'Certificate output file (default: ./<name>.crt; for --ca, the store)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l key-out -d 'Key output file (default: next to the certificate, .key)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l password-file -d 'Read key passwords from this file (first line): for --encrypt-key and an encrypted issuer key' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l count -d 'Make N client certificates in one run: <name>-001.crt ... (one key each)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l ca -d 'A self-signed root CA (into the store unless --out is given)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l intermediate -d 'An intermediate CA (pathlen 0), signed by the store CA or --issuer-cert'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l client -d 'A client certificate (the default)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l force -d 'Replace existing files'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l encrypt-key -d 'Encrypt the new private key (PKCS#8, PBES2 AES-256); password from --password-file, MTLSCTL_NEW_KEY_PASSWORD or MTLSCTL_CA_PASSWORD'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l p12 -d 'Also write a PKCS#12 file (<name>.p12); password from MTLSCTL_P12_PASSWORD or a prompt'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l cn -d 'The common name (CN)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l subject -d 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l san -d 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l key-type -d 'Key type' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l out -d 'CSR output file (default: ./<name>.csr)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l key-out -d 'Key output file (default: ./<name>.key)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l force -d 'Replace existing files'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l cn -d 'The common name (CN)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l subject -d 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l san -d 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l days -d 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l not-after -d 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l issuer-cert -d 'Issuer certificate (instead of the store CA)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l issuer-key -d 'Issuer private key' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l out -d 'Certificate output file (default: the CSR\'s name with .crt)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l password-file -d 'Read the password of an encrypted issuer key from this file (first line)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l force -d 'Replace an existing file'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l expiring -d 'Only certificates not yet expired that expire within this duration (e.g. 30d, 12h)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l status -d 'Only certificates with this status: valid, expired, revoked, superseded, pending' -r -f -a "valid\t''
expired\t''
revoked\t''
superseded\t''
pending\t''"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l issuer -d 'The issuing CA, for cert_issuer_serial (default: the store CA, if it signed the file)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l ca -d 'Trust anchors: the CAs uploaded to Cloudflare (repeatable, bundles allowed; default: the store CA)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l chain -d 'Intermediate certificates the client sends' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l crl -d 'CRLs, PEM or DER (repeatable; the store\'s revocations are always read). They say what is revoked locally; the edge applies them only with --managed-ca' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l at -d 'Validate at this time (RFC 3339) instead of now' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l managed-ca -d 'The certificate comes from Cloudflare\'s managed CA, where the edge checks revocation: the store\'s records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an uploaded CA, e.g. the store CA) the edge\'s cert_revoked is always false and local revocation is reported apart, as revoked_locally'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l reason -d 'RFC 5280 reason: keyCompromise, superseded, cessationOfOperation, affiliationChanged, ...' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l key -d 'The private key (default: next to the certificate, .key)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l chain -d 'Chain certificates to include (default: the store CA when it issued the certificate)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l profile -d 'PKCS#12 profile: modern (AES-256, PBKDF2-SHA256) or legacy (3DES, SHA-1 MAC: weak, transport to phones only)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l out -d 'Output file (default: next to the certificate, .p12)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l password-file -d 'Read the PKCS#12 password from this file (first line)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l p12 -d 'Write PKCS#12 (the only export format for now)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l empty-password -d 'Allow an empty PKCS#12 password'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l force -d 'Replace an existing file'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l days -d 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l not-after -d 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l issuer-cert -d 'Issuer certificate (instead of the store CA)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l issuer-key -d 'Issuer private key' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l out -d 'Certificate output file (default: replace FILE, which needs --force)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l key-out -d 'Key output file (default: next to the certificate, .key)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l password-file -d 'Read the password of an encrypted issuer key from this file (first line)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l reuse-key -d 'Keep the existing key (default: a new key of the same type)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l revoke-old -d 'Revoke the old certificate (default: record it as superseded)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l intermediate -d 'FILE is an intermediate CA and a new intermediate CA is meant (required for CA certificates)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l force -d 'Replace existing files'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "csr" -d 'Create a private key and a certificate signing request (for Cloudflare\'s managed CA)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Issue a client certificate for an external CSR, signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "list" -d 'List what the store CA issued'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Mark a certificate issued by the store CA as revoked'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a certificate and its key as PKCS#12 for phones and devices'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "renew" -d 'Issue a new certificate with the same subject, SANs and profile'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l issuer -d 'The issuing CA, used when a certificate has no AKI key id (its signature is checked)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l all -d 'Every certificate in each file, not only the first'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l own -d 'Print the certificate\'s own SKI (cf.tls_client_auth.cert_ski) instead'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -f -a "check" -d 'Parse and type-check an expression; print its canonical form'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -f -a "fields" -d 'List the fields the Rules language knows, with their types'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -f -a "eval" -d 'Evaluate an expression against explicit field values'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -f -a "test" -d 'Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -f -a "generate" -d 'Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -f -a "lint" -d 'Find the mistakes operators make in mTLS rules'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval test generate lint help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from check" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from check" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from check" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from fields" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from fields" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from fields" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from fields" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from fields" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from fields" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l set -d 'A field value, FIELD=VALUE (repeatable)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l batch -d 'Evaluate a JSONL file of {"expr", "fields"} lines (`-` for stdin)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l explain -d 'Print the evaluation trace as a tree'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l cert -d 'The client certificate (PEM or DER)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l ca -d 'Trust anchors: the CAs uploaded to Cloudflare (repeatable, bundles allowed; default: the store CA)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l chain -d 'Intermediate certificates the client sends' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l crl -d 'CRLs, PEM or DER (repeatable; the store\'s revocations are always read). They say what is revoked locally; the edge applies them only with --managed-ca' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l at -d 'Validate at this time (RFC 3339) instead of now' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l path -d 'The request path (a ?query part goes to the query)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l url -d 'The whole URL, https://host/path?query' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l host -d 'The Host header' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l method -d 'The method' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l header -d 'A request header, "Name: value" (repeatable)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l ip -d 'The client IP address' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l port -d 'The edge server port' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l normalize -d 'The zone\'s URL normalization of http.request.uri.path: rfc3986 (the default: never merges slashes), cloudflare (also `\\` to `/` and merged slashes; match your zone\'s setting) or off (the path as sent)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l set -d 'Override any field last, FIELD=VALUE (repeatable)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l expr -d 'One expression to test (action block)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l rules -d 'A rules file (mtlsctl.yaml format)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l expect -d 'Exit 0 when the verdict is this (allow or block), 1 otherwise' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l requests -d 'Test many requests, one JSON object per line (`-` for stdin)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l no-cert -d 'The client sends no certificate'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l managed-ca -d 'The certificate comes from Cloudflare\'s managed CA, where the edge checks revocation: the store\'s records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an uploaded CA, e.g. the store CA) the edge\'s cert_revoked is always false and local revocation is reported apart, as revoked_locally'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -l allow-cert-files -d 'With --requests: a line\'s cert/chain may name a file (relative to the JSONL file\'s directory; regular files only). Without it only inline PEM is taken'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l path -d 'An exact path to protect (repeatable)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l path-prefix -d 'A path and its whole subtree to protect (repeatable)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l host -d 'Limit the rule to this host (repeatable)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l issuer-ski -d 'Pin the issuer SKI (hex)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l pin-ca -d 'Pin the SKI of this CA certificate' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l action -d 'The action: block, managed_challenge, js_challenge, challenge, skip, log' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l ref -d 'The rule\'s ref' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l description -d 'The rule\'s description' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l rules -d 'Generate from every rule of a rules file instead' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l format -d 'Output: expression, json, terraform or yaml' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l crl -d 'With --block-revoked: also block what this CRL lists (repeatable, PEM or DER)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l plan -d 'The zone\'s Cloudflare plan: free, pro, business, enterprise. Nothing the plan cannot deploy is emitted (below pro: no custom block response, and one the rules file gives is an error; below enterprise: no log action)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l no-revocation-check -d 'Do not block revoked certificates'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l case-insensitive -d 'Match paths case-insensitively (lower())'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l entrypoint -d 'With --format json: wrap all rules as the entrypoint PUT body'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l save -d 'Append the rule to ./mtlsctl.yaml (with --block-revoked: replace the mtls_revoked_* rules)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -l block-revoked -d 'Write the rules that block revoked certificates by serial (from the store\'s records and every --crl), for an uploaded CA whose revocations the edge never checks'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from lint" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from lint" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from lint" -l rules -d 'A rules file (mtlsctl.yaml format)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from lint" -l plan -d 'The Cloudflare plan, for plan limits: free, pro, business, enterprise' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from lint" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from lint" -l managed-ca -d 'The rules are for certificates of Cloudflare\'s managed CA, where the edge checks revocation (no `revoked-not-enforced` finding)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from lint" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "check" -d 'Parse and type-check an expression; print its canonical form'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "fields" -d 'List the fields the Rules language knows, with their types'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "eval" -d 'Evaluate an expression against explicit field values'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "test" -d 'Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Find the mistakes operators make in mTLS rules'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and not __fish_seen_subcommand_from create help" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and not __fish_seen_subcommand_from create help" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and not __fish_seen_subcommand_from create help" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and not __fish_seen_subcommand_from create help" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and not __fish_seen_subcommand_from create help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and not __fish_seen_subcommand_from create help" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and not __fish_seen_subcommand_from create help" -f -a "create" -d 'Write a CRL of the store\'s revocations, signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and not __fish_seen_subcommand_from create help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -l out -d 'Output file (default: stdout)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -l days -d 'Days until nextUpdate' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -l password-file -d 'Read the password of an encrypted CA key from this file (first line)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -l der -d 'Write DER instead of PEM'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -l force -d 'Replace an existing file'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from help" -f -a "create" -d 'Write a CRL of the store\'s revocations, signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand crl; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -f -a "status" -d 'Show the zone\'s mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -f -a "plan" -d 'Show what `cf apply` would change (exit 0 none, 3 pending, 2 error)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -f -a "apply" -d 'Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -f -a "ca" -d 'Uploaded CAs (BYO CA, account mTLS certificates)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -f -a "hostnames" -d 'Hostnames on which mTLS is on, per CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -f -a "rules" -d 'The zone\'s custom rules and mtlsctl.yaml'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -f -a "client-cert" -d 'Client certificates from Cloudflare\'s managed CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and not __fish_seen_subcommand_from status plan apply ca hostnames rules client-cert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from status" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from status" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from status" -l zone -d 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from status" -l rules -d 'A rules file whose `cloudflare:` section names the zone (default: ./mtlsctl.yaml if present)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from plan" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from plan" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from plan" -l zone -d 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from plan" -l rules -d 'The rules file with the `cloudflare:` section' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from plan" -l out -d 'Also save the plan to FILE, for `mtlsctl cf apply FILE` (not written when the zone would refuse the plan)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from plan" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from apply" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from apply" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from apply" -l zone -d 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from apply" -l rules -d 'The rules file with the `cloudflare:` section [default: mtlsctl.yaml]' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from apply" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from apply" -s y -l yes -d 'Apply without asking (needed when stdin is not a terminal; a PLANFILE is applied without asking)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -f -a "upload" -d 'Upload a CA certificate (refused if the same certificate is already uploaded)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -f -a "list" -d 'List the account\'s uploaded certificates with their SKI'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -f -a "delete" -d 'Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from ca" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -f -a "list" -d 'List the hostnames on a CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -f -a "add" -d 'Turn mTLS on for hostnames (read, add, write back: nothing else is dropped)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -f -a "remove" -d 'Turn mTLS off for hostnames (read, remove, write back)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from hostnames" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from rules" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from rules" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from rules" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from rules" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from rules" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from rules" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from rules" -f -a "pull" -d 'Write the zone\'s custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from rules" -f -a "push" -d 'Deploy the file\'s rules by ref (rules mtlsctl does not own stay untouched and in place)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from rules" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -f -a "create" -d 'Have Cloudflare\'s managed CA sign a CSR (mtlsctl cert csr makes one)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -f -a "list" -d 'List the zone\'s managed client certificates'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -f -a "revoke" -d 'Revoke a managed client certificate'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from client-cert" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the zone\'s mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Show what `cf apply` would change (exit 0 none, 3 pending, 2 error)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from help" -f -a "ca" -d 'Uploaded CAs (BYO CA, account mTLS certificates)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from help" -f -a "hostnames" -d 'Hostnames on which mTLS is on, per CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from help" -f -a "rules" -d 'The zone\'s custom rules and mtlsctl.yaml'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from help" -f -a "client-cert" -d 'Client certificates from Cloudflare\'s managed CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cf; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l listen -d 'Address to listen on (loopback unless you say otherwise; port 0 picks a free one)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l hostname -d 'A hostname with mTLS enabled: a client certificate is requested (repeatable; default localhost; a name, not an IP address: clients send no SNI for one)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l plain-hostname -d 'A hostname served without mTLS (added to the server certificate; repeatable)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l upstream -d 'The origin for allowed requests, http://host:port or https://host:port (default: a JSON echo)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l upstream-ca -d 'Also trust this CA for an https:// origin\'s certificate (PEM; repeatable; the system\'s CAs are always trusted)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l origin-client-cert -d 'Authenticated Origin Pulls: present this client certificate to the https:// origin (PEM, leaf first)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l origin-client-key -d 'The key of --origin-client-cert' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l headers -d 'Headers added for the origin: managed, rfc9440, access, none (repeatable or comma-separated)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l expr -d 'One expression to run (action block)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l rules -d 'A rules file (mtlsctl.yaml format); reloaded when it changes' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l ca -d 'Trust anchors: the CAs uploaded to Cloudflare (repeatable; default: the store CA)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l crl -d 'CRLs, PEM or DER (repeatable; the store\'s revocations are always used)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l normalize -d 'URL normalization applied to http.request.uri.path: rfc3986, cloudflare or off' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l server-cert -d 'The server certificate (PEM, leaf first) instead of one issued from the store CA' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l server-key -d 'The server certificate\'s key' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l log -d 'Append one `rule test --requests` line per request to this file' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l max-connections -d 'Open connections at most; further ones are closed at once' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l handshake-timeout -d 'Time allowed for the TLS handshake' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l header-timeout -d 'Time allowed for a request head; also how long a connection may wait between requests (HTTP/1 and HTTP/2)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l idle-timeout -d 'A connection without a request in flight for this long is closed' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l max-header-bytes -d 'Largest request head in bytes' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l shutdown-timeout -d 'How long SIGINT/SIGTERM wait for requests in flight' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l password-file -d 'Key password file for an encrypted key (the store CA\'s, --server-key, --origin-client-key)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l upstream-insecure -d 'SSL mode Full instead of Full (strict): encrypt to the https:// origin without verifying its certificate'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -l managed-ca -d 'The clients\' certificates come from Cloudflare\'s managed CA, where the edge checks revocation: the store\'s records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an uploaded CA, e.g. the store CA) cert_revoked is always false, as on the edge; block revoked certificates with `rule generate --block-revoked`'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand serve" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule crl cf serve completions help" -f -a "cert" -d 'Create, sign, list and inspect certificates'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule crl cf serve completions help" -f -a "ski" -d 'Print the issuer Subject Key Identifier (cf.tls_client_auth.cert_issuer_ski)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule crl cf serve completions help" -f -a "rule" -d 'Check, evaluate, test, generate and lint Cloudflare Rules-language expressions'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule crl cf serve completions help" -f -a "crl" -d 'Certificate revocation lists signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule crl cf serve completions help" -f -a "cf" -d 'Deploy and inspect mTLS on a Cloudflare zone: uploaded CAs, hostnames, custom rules, managed client certificates'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule crl cf serve completions help" -f -a "serve" -d 'Run a local mTLS edge: real clients, the zone\'s rules, Cloudflare\'s headers'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule crl cf serve completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule crl cf serve completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "create" -d 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "csr" -d 'Create a private key and a certificate signing request (for Cloudflare\'s managed CA)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "sign" -d 'Issue a client certificate for an external CSR, signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "list" -d 'List what the store CA issued'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "inspect" -d 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "verify" -d 'Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "revoke" -d 'Mark a certificate issued by the store CA as revoked'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "export" -d 'Export a certificate and its key as PKCS#12 for phones and devices'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "renew" -d 'Issue a new certificate with the same subject, SANs and profile'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from rule" -f -a "check" -d 'Parse and type-check an expression; print its canonical form'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from rule" -f -a "fields" -d 'List the fields the Rules language knows, with their types'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from rule" -f -a "eval" -d 'Evaluate an expression against explicit field values'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from rule" -f -a "test" -d 'Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from rule" -f -a "generate" -d 'Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from rule" -f -a "lint" -d 'Find the mistakes operators make in mTLS rules'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from crl" -f -a "create" -d 'Write a CRL of the store\'s revocations, signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cf" -f -a "status" -d 'Show the zone\'s mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cf" -f -a "plan" -d 'Show what `cf apply` would change (exit 0 none, 3 pending, 2 error)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cf" -f -a "apply" -d 'Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cf" -f -a "ca" -d 'Uploaded CAs (BYO CA, account mTLS certificates)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cf" -f -a "hostnames" -d 'Hostnames on which mTLS is on, per CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cf" -f -a "rules" -d 'The zone\'s custom rules and mtlsctl.yaml'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cf" -f -a "client-cert" -d 'Client certificates from Cloudflare\'s managed CA'
