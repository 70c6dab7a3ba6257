
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'mtlsctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'mtlsctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'mtlsctl' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Create, sign, list and inspect certificates')
            [CompletionResult]::new('ski', 'ski', [CompletionResultType]::ParameterValue, 'Print the issuer Subject Key Identifier (cf.tls_client_auth.cert_issuer_ski)')
            [CompletionResult]::new('rule', 'rule', [CompletionResultType]::ParameterValue, 'Check, evaluate and explain Cloudflare Rules-language expressions')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cert' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Create a private key and a certificate signing request (for Cloudflare''s managed CA)')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Issue a client certificate for an external CSR, signed by the store CA')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List what the store CA issued')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cert;create' {
            [CompletionResult]::new('--cn', '--cn', [CompletionResultType]::ParameterName, 'The common name (CN)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Key type')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)')
            [CompletionResult]::new('--not-after', '--not-after', [CompletionResultType]::ParameterName, 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y')
            [CompletionResult]::new('--issuer-cert', '--issuer-cert', [CompletionResultType]::ParameterName, 'Issuer certificate (instead of the store CA)')
            [CompletionResult]::new('--issuer-key', '--issuer-key', [CompletionResultType]::ParameterName, 'Issuer private key')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Certificate output file (default: ./<name>.crt; for --ca, the store)')
            [CompletionResult]::new('--key-out', '--key-out', [CompletionResultType]::ParameterName, 'Key output file (default: next to the certificate, .key)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'A self-signed root CA (into the store unless --out is given)')
            [CompletionResult]::new('--intermediate', '--intermediate', [CompletionResultType]::ParameterName, 'An intermediate CA (pathlen 0), signed by the store CA or --issuer-cert')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'A client certificate (the default)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing files')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;csr' {
            [CompletionResult]::new('--cn', '--cn', [CompletionResultType]::ParameterName, 'The common name (CN)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Key type')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'CSR output file (default: ./<name>.csr)')
            [CompletionResult]::new('--key-out', '--key-out', [CompletionResultType]::ParameterName, 'Key output file (default: ./<name>.key)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing files')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;sign' {
            [CompletionResult]::new('--cn', '--cn', [CompletionResultType]::ParameterName, 'The common name (CN)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)')
            [CompletionResult]::new('--not-after', '--not-after', [CompletionResultType]::ParameterName, 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y')
            [CompletionResult]::new('--issuer-cert', '--issuer-cert', [CompletionResultType]::ParameterName, 'Issuer certificate (instead of the store CA)')
            [CompletionResult]::new('--issuer-key', '--issuer-key', [CompletionResultType]::ParameterName, 'Issuer private key')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Certificate output file (default: the CSR''s name with .crt)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;inspect' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The issuing CA, for cert_issuer_serial (default: the store CA, if it signed the file)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Create a private key and a certificate signing request (for Cloudflare''s managed CA)')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Issue a client certificate for an external CSR, signed by the store CA')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List what the store CA issued')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cert;help;create' {
            break
        }
        'mtlsctl;cert;help;csr' {
            break
        }
        'mtlsctl;cert;help;sign' {
            break
        }
        'mtlsctl;cert;help;list' {
            break
        }
        'mtlsctl;cert;help;inspect' {
            break
        }
        'mtlsctl;cert;help;help' {
            break
        }
        'mtlsctl;ski' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The issuing CA, used when a certificate has no AKI key id (its signature is checked)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every certificate in each file, not only the first')
            [CompletionResult]::new('--own', '--own', [CompletionResultType]::ParameterName, 'Print the certificate''s own SKI (cf.tls_client_auth.cert_ski) instead')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;rule' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Parse and type-check an expression; print its canonical form')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the fields the Rules language knows, with their types')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate an expression against explicit field values')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;rule;check' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;rule;fields' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;rule;eval' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field value, FIELD=VALUE (repeatable)')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Evaluate a JSONL file of {"expr", "fields"} lines (`-` for stdin)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print the evaluation trace as a tree')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;rule;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Parse and type-check an expression; print its canonical form')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the fields the Rules language knows, with their types')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate an expression against explicit field values')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;rule;help;check' {
            break
        }
        'mtlsctl;rule;help;fields' {
            break
        }
        'mtlsctl;rule;help;eval' {
            break
        }
        'mtlsctl;rule;help;help' {
            break
        }
        'mtlsctl;completions' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;help' {
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Create, sign, list and inspect certificates')
            [CompletionResult]::new('ski', 'ski', [CompletionResultType]::ParameterValue, 'Print the issuer Subject Key Identifier (cf.tls_client_auth.cert_issuer_ski)')
            [CompletionResult]::new('rule', 'rule', [CompletionResultType]::ParameterValue, 'Check, evaluate and explain Cloudflare Rules-language expressions')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;help;cert' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a CA, an intermediate CA or a client certificate (default: a client certificate from the store CA, creating the CA first if there is none)')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Create a private key and a certificate signing request (for Cloudflare''s managed CA)')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Issue a client certificate for an external CSR, signed by the store CA')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List what the store CA issued')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show a certificate and every cf.tls_client_auth.* value the edge would compute for it')
            break
        }
        'mtlsctl;help;cert;create' {
            break
        }
        'mtlsctl;help;cert;csr' {
            break
        }
        'mtlsctl;help;cert;sign' {
            break
        }
        'mtlsctl;help;cert;list' {
            break
        }
        'mtlsctl;help;cert;inspect' {
            break
        }
        'mtlsctl;help;ski' {
            break
        }
        'mtlsctl;help;rule' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Parse and type-check an expression; print its canonical form')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the fields the Rules language knows, with their types')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate an expression against explicit field values')
            break
        }
        'mtlsctl;help;rule;check' {
            break
        }
        'mtlsctl;help;rule;fields' {
            break
        }
        'mtlsctl;help;rule;eval' {
            break
        }
        'mtlsctl;help;completions' {
            break
        }
        'mtlsctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
