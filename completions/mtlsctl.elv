
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
            cand rule 'Check, evaluate and explain Cloudflare Rules-language expressions'
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
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;cert;create'= {
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
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --ca 'A self-signed root CA (into the store unless --out is given)'
            cand --intermediate 'An intermediate CA (pathlen 0), signed by the store CA or --issuer-cert'
            cand --client 'A client certificate (the default)'
            cand --force 'Replace existing files'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;csr'= {
            cand --cn 'The common name (CN)'
            cand --subject 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"'
            cand --san 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS'
            cand --key-type 'Key type'
            cand --out 'CSR output file (default: ./<name>.csr)'
            cand --key-out 'Key output file (default: ./<name>.key)'
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --force 'Replace existing files'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;sign'= {
            cand --cn 'The common name (CN)'
            cand --subject 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"'
            cand --san 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS'
            cand --days 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)'
            cand --not-after 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y'
            cand --issuer-cert 'Issuer certificate (instead of the store CA)'
            cand --issuer-key 'Issuer private key'
            cand --out 'Certificate output file (default: the CSR''s name with .crt)'
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --force 'Replace an existing file'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;cert;list'= {
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
        &'mtlsctl;cert;inspect'= {
            cand --issuer 'The issuing CA, for cert_issuer_serial (default: the store CA, if it signed the file)'
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
        &'mtlsctl;cert;help'= {
            cand create 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
            cand csr 'Create a private key and a certificate signing request (for Cloudflare''s managed CA)'
            cand sign 'Issue a client certificate for an external CSR, signed by the store CA'
            cand list 'List what the store CA issued'
            cand inspect 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
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
        &'mtlsctl;cert;help;help'= {
        }
        &'mtlsctl;ski'= {
            cand --issuer 'The issuing CA, used when a certificate has no AKI key id (its signature is checked)'
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --all 'Every certificate in each file, not only the first'
            cand --own 'Print the certificate''s own SKI (cf.tls_client_auth.cert_ski) instead'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
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
            cand --set 'A field value, FIELD=VALUE (repeatable)'
            cand --batch 'Evaluate a JSONL file of {"expr", "fields"} lines (`-` for stdin)'
            cand --store 'The store directory holding the local CA and its index'
            cand --color 'When to colour human output'
            cand --explain 'Print the evaluation trace as a tree'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no status messages on stderr (errors are still printed)'
            cand --quiet 'Print no status messages on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mtlsctl;rule;help'= {
            cand check 'Parse and type-check an expression; print its canonical form'
            cand fields 'List the fields the Rules language knows, with their types'
            cand eval 'Evaluate an expression against explicit field values'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;rule;help;check'= {
        }
        &'mtlsctl;rule;help;fields'= {
        }
        &'mtlsctl;rule;help;eval'= {
        }
        &'mtlsctl;rule;help;help'= {
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
            cand rule 'Check, evaluate and explain Cloudflare Rules-language expressions'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mtlsctl;help;cert'= {
            cand create 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)'
            cand csr 'Create a private key and a certificate signing request (for Cloudflare''s managed CA)'
            cand sign 'Issue a client certificate for an external CSR, signed by the store CA'
            cand list 'List what the store CA issued'
            cand inspect 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it'
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
        &'mtlsctl;help;ski'= {
        }
        &'mtlsctl;help;rule'= {
            cand check 'Parse and type-check an expression; print its canonical form'
            cand fields 'List the fields the Rules language knows, with their types'
            cand eval 'Evaluate an expression against explicit field values'
        }
        &'mtlsctl;help;rule;check'= {
        }
        &'mtlsctl;help;rule;fields'= {
        }
        &'mtlsctl;help;rule;eval'= {
        }
        &'mtlsctl;help;completions'= {
        }
        &'mtlsctl;help;help'= {
        }
    ]
    $completions[$command]
}
