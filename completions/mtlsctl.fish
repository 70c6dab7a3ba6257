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
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "rule" -d 'Check, evaluate and explain Cloudflare Rules-language expressions'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c mtlsctl -n "__fish_mtlsctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -f -a "create" -d 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -f -a "csr" -d 'Create a private key and a certificate signing request (for Cloudflare\'s managed CA)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -f -a "sign" -d 'Issue a client certificate for an external CSR, signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -f -a "list" -d 'List what the store CA issued'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -f -a "inspect" -d 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and not __fish_seen_subcommand_from create csr sign list inspect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l ca -d 'A self-signed root CA (into the store unless --out is given)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l intermediate -d 'An intermediate CA (pathlen 0), signed by the store CA or --issuer-cert'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l client -d 'A client certificate (the default)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l force -d 'Replace existing files'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l cn -d 'The common name (CN)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l subject -d 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l san -d 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l key-type -d 'Key type' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l out -d 'CSR output file (default: ./<name>.csr)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l key-out -d 'Key output file (default: ./<name>.key)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l force -d 'Replace existing files'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from csr" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l cn -d 'The common name (CN)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l subject -d 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l san -d 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l days -d 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l not-after -d 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l issuer-cert -d 'Issuer certificate (instead of the store CA)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l issuer-key -d 'Issuer private key' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l out -d 'Certificate output file (default: the CSR\'s name with .crt)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l force -d 'Replace an existing file'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l issuer -d 'The issuing CA, for cert_issuer_serial (default: the store CA, if it signed the file)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "csr" -d 'Create a private key and a certificate signing request (for Cloudflare\'s managed CA)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Issue a client certificate for an external CSR, signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "list" -d 'List what the store CA issued'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l issuer -d 'The issuing CA, used when a certificate has no AKI key id (its signature is checked)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l all -d 'Every certificate in each file, not only the first'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l own -d 'Print the certificate\'s own SKI (cf.tls_client_auth.cert_ski) instead'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand ski" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -f -a "check" -d 'Parse and type-check an expression; print its canonical form'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -f -a "fields" -d 'List the fields the Rules language knows, with their types'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -f -a "eval" -d 'Evaluate an expression against explicit field values'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and not __fish_seen_subcommand_from check fields eval help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l set -d 'A field value, FIELD=VALUE (repeatable)' -r
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l batch -d 'Evaluate a JSONL file of {"expr", "fields"} lines (`-` for stdin)' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l explain -d 'Print the evaluation trace as a tree'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from eval" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "check" -d 'Parse and type-check an expression; print its canonical form'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "fields" -d 'List the fields the Rules language knows, with their types'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "eval" -d 'Evaluate an expression against explicit field values'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand rule; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -l store -d 'The store directory holding the local CA and its index' -r -F
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -l color -d 'When to colour human output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -s q -l quiet -d 'Print no status messages on stderr (errors are still printed)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule completions help" -f -a "cert" -d 'Create, sign, list and inspect certificates'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule completions help" -f -a "ski" -d 'Print the issuer Subject Key Identifier (cf.tls_client_auth.cert_issuer_ski)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule completions help" -f -a "rule" -d 'Check, evaluate and explain Cloudflare Rules-language expressions'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and not __fish_seen_subcommand_from cert ski rule completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "create" -d 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "csr" -d 'Create a private key and a certificate signing request (for Cloudflare\'s managed CA)'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "sign" -d 'Issue a client certificate for an external CSR, signed by the store CA'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "list" -d 'List what the store CA issued'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "inspect" -d 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from rule" -f -a "check" -d 'Parse and type-check an expression; print its canonical form'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from rule" -f -a "fields" -d 'List the fields the Rules language knows, with their types'
complete -c mtlsctl -n "__fish_mtlsctl_using_subcommand help; and __fish_seen_subcommand_from rule" -f -a "eval" -d 'Evaluate an expression against explicit field values'
