
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
            [CompletionResult]::new('rule', 'rule', [CompletionResultType]::ParameterValue, 'Check, evaluate, test, generate and lint Cloudflare Rules-language expressions')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Certificate revocation lists signed by the store CA')
            [CompletionResult]::new('cf', 'cf', [CompletionResultType]::ParameterValue, 'Deploy and inspect mTLS on a Cloudflare zone: uploaded CAs, hostnames, custom rules, managed client certificates')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local mTLS edge: real clients, the zone''s rules, Cloudflare''s headers')
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
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Mark a certificate issued by the store CA as revoked')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a certificate and its key as PKCS#12 for phones and devices')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Issue a new certificate with the same subject, SANs and profile')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cert;create' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
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
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read key passwords from this file (first line): for --encrypt-key and an encrypted issuer key')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Make N client certificates in one run: <name>-001.crt ... (one key each)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'A self-signed root CA (into the store unless --out is given)')
            [CompletionResult]::new('--intermediate', '--intermediate', [CompletionResultType]::ParameterName, 'An intermediate CA (pathlen 0), signed by the store CA or --issuer-cert')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'A client certificate (the default)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing files')
            [CompletionResult]::new('--encrypt-key', '--encrypt-key', [CompletionResultType]::ParameterName, 'Encrypt the new private key (PKCS#8, PBES2 AES-256); password from --password-file, MTLSCTL_NEW_KEY_PASSWORD or MTLSCTL_CA_PASSWORD')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'Also write a PKCS#12 file (<name>.p12); password from MTLSCTL_P12_PASSWORD or a prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;csr' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--cn', '--cn', [CompletionResultType]::ParameterName, 'The common name (CN)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Key type')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'CSR output file (default: ./<name>.csr)')
            [CompletionResult]::new('--key-out', '--key-out', [CompletionResultType]::ParameterName, 'Key output file (default: ./<name>.key)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing files')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;sign' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--cn', '--cn', [CompletionResultType]::ParameterName, 'The common name (CN)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Further subject attributes, e.g. "O=Acme,OU=Ops,C=US"')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)')
            [CompletionResult]::new('--not-after', '--not-after', [CompletionResultType]::ParameterName, 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y')
            [CompletionResult]::new('--issuer-cert', '--issuer-cert', [CompletionResultType]::ParameterName, 'Issuer certificate (instead of the store CA)')
            [CompletionResult]::new('--issuer-key', '--issuer-key', [CompletionResultType]::ParameterName, 'Issuer private key')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Certificate output file (default: the CSR''s name with .crt)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password of an encrypted issuer key from this file (first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--expiring', '--expiring', [CompletionResultType]::ParameterName, 'Only certificates not yet expired that expire within this duration (e.g. 30d, 12h)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only certificates with this status: valid, expired, revoked, superseded, pending')
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
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The issuing CA, for cert_issuer_serial (default: the store CA, if it signed the file)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;verify' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'Trust anchors: the CAs uploaded to Cloudflare (repeatable, bundles allowed; default: the store CA)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Intermediate certificates the client sends')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'CRLs, PEM or DER (repeatable; the store''s revocations are always read). They say what is revoked locally; the edge applies them only with --managed-ca')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Validate at this time (RFC 3339) instead of now')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--managed-ca', '--managed-ca', [CompletionResultType]::ParameterName, 'The certificate comes from Cloudflare''s managed CA, where the edge checks revocation: the store''s records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an uploaded CA, e.g. the store CA) the edge''s cert_revoked is always false and local revocation is reported apart, as revoked_locally')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;revoke' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'RFC 5280 reason: keyCompromise, superseded, cessationOfOperation, affiliationChanged, ...')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;export' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key (default: next to the certificate, .key)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Chain certificates to include (default: the store CA when it issued the certificate)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'PKCS#12 profile: modern (AES-256, PBKDF2-SHA256) or legacy (3DES, SHA-1 MAC: weak, transport to phones only)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Output file (default: next to the certificate, .p12)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PKCS#12 password from this file (first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'Write PKCS#12 (the only export format for now)')
            [CompletionResult]::new('--empty-password', '--empty-password', [CompletionResultType]::ParameterName, 'Allow an empty PKCS#12 password')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cert;renew' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Lifetime in days (default: CA 3650, intermediate 1825, client 365)')
            [CompletionResult]::new('--not-after', '--not-after', [CompletionResultType]::ParameterName, 'End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y')
            [CompletionResult]::new('--issuer-cert', '--issuer-cert', [CompletionResultType]::ParameterName, 'Issuer certificate (instead of the store CA)')
            [CompletionResult]::new('--issuer-key', '--issuer-key', [CompletionResultType]::ParameterName, 'Issuer private key')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Certificate output file (default: replace FILE, which needs --force)')
            [CompletionResult]::new('--key-out', '--key-out', [CompletionResultType]::ParameterName, 'Key output file (default: next to the certificate, .key)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password of an encrypted issuer key from this file (first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--reuse-key', '--reuse-key', [CompletionResultType]::ParameterName, 'Keep the existing key (default: a new key of the same type)')
            [CompletionResult]::new('--revoke-old', '--revoke-old', [CompletionResultType]::ParameterName, 'Revoke the old certificate (default: record it as superseded)')
            [CompletionResult]::new('--intermediate', '--intermediate', [CompletionResultType]::ParameterName, 'FILE is an intermediate CA and a new intermediate CA is meant (required for CA certificates)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing files')
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
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Mark a certificate issued by the store CA as revoked')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a certificate and its key as PKCS#12 for phones and devices')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Issue a new certificate with the same subject, SANs and profile')
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
        'mtlsctl;cert;help;verify' {
            break
        }
        'mtlsctl;cert;help;revoke' {
            break
        }
        'mtlsctl;cert;help;export' {
            break
        }
        'mtlsctl;cert;help;renew' {
            break
        }
        'mtlsctl;cert;help;help' {
            break
        }
        'mtlsctl;ski' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The issuing CA, used when a certificate has no AKI key id (its signature is checked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every certificate in each file, not only the first')
            [CompletionResult]::new('--own', '--own', [CompletionResultType]::ParameterName, 'Print the certificate''s own SKI (cf.tls_client_auth.cert_ski) instead')
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
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Find the mistakes operators make in mTLS rules')
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
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field value, FIELD=VALUE (repeatable)')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Evaluate a JSONL file of {"expr", "fields"} lines (`-` for stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print the evaluation trace as a tree')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;rule;test' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The client certificate (PEM or DER)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'Trust anchors: the CAs uploaded to Cloudflare (repeatable, bundles allowed; default: the store CA)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Intermediate certificates the client sends')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'CRLs, PEM or DER (repeatable; the store''s revocations are always read). They say what is revoked locally; the edge applies them only with --managed-ca')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Validate at this time (RFC 3339) instead of now')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'The request path (a ?query part goes to the query)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The whole URL, https://host/path?query')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Host header')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The method')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'The client IP address')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The edge server port')
            [CompletionResult]::new('--normalize', '--normalize', [CompletionResultType]::ParameterName, 'The zone''s URL normalization of http.request.uri.path: rfc3986 (the default: never merges slashes), cloudflare (also `\` to `/` and merged slashes; match your zone''s setting) or off (the path as sent)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override any field last, FIELD=VALUE (repeatable)')
            [CompletionResult]::new('--expr', '--expr', [CompletionResultType]::ParameterName, 'One expression to test (action block)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'A rules file (mtlsctl.yaml format)')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'Exit 0 when the verdict is this (allow or block), 1 otherwise')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'Test many requests, one JSON object per line (`-` for stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--no-cert', '--no-cert', [CompletionResultType]::ParameterName, 'The client sends no certificate')
            [CompletionResult]::new('--managed-ca', '--managed-ca', [CompletionResultType]::ParameterName, 'The certificate comes from Cloudflare''s managed CA, where the edge checks revocation: the store''s records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an uploaded CA, e.g. the store CA) the edge''s cert_revoked is always false and local revocation is reported apart, as revoked_locally')
            [CompletionResult]::new('--allow-cert-files', '--allow-cert-files', [CompletionResultType]::ParameterName, 'With --requests: a line''s cert/chain may name a file (relative to the JSONL file''s directory; regular files only). Without it only inline PEM is taken')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;rule;generate' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'An exact path to protect (repeatable)')
            [CompletionResult]::new('--path-prefix', '--path-prefix', [CompletionResultType]::ParameterName, 'A path and its whole subtree to protect (repeatable)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Limit the rule to this host (repeatable)')
            [CompletionResult]::new('--issuer-ski', '--issuer-ski', [CompletionResultType]::ParameterName, 'Pin the issuer SKI (hex)')
            [CompletionResult]::new('--pin-ca', '--pin-ca', [CompletionResultType]::ParameterName, 'Pin the SKI of this CA certificate')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'The action: block, managed_challenge, js_challenge, challenge, skip, log')
            [CompletionResult]::new('--ref', '--ref', [CompletionResultType]::ParameterName, 'The rule''s ref')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'The rule''s description')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Generate from every rule of a rules file instead')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: expression, json, terraform or yaml')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'With --block-revoked: also block what this CRL lists (repeatable, PEM or DER)')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'The zone''s Cloudflare plan: free, pro, business, enterprise. Nothing the plan cannot deploy is emitted (below pro: no custom block response, and one the rules file gives is an error; below enterprise: no log action)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--no-revocation-check', '--no-revocation-check', [CompletionResultType]::ParameterName, 'Do not block revoked certificates')
            [CompletionResult]::new('--case-insensitive', '--case-insensitive', [CompletionResultType]::ParameterName, 'Match paths case-insensitively (lower())')
            [CompletionResult]::new('--entrypoint', '--entrypoint', [CompletionResultType]::ParameterName, 'With --format json: wrap all rules as the entrypoint PUT body')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Append the rule to ./mtlsctl.yaml (with --block-revoked: replace the mtls_revoked_* rules)')
            [CompletionResult]::new('--block-revoked', '--block-revoked', [CompletionResultType]::ParameterName, 'Write the rules that block revoked certificates by serial (from the store''s records and every --crl), for an uploaded CA whose revocations the edge never checks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;rule;lint' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'A rules file (mtlsctl.yaml format)')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'The Cloudflare plan, for plan limits: free, pro, business, enterprise')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--managed-ca', '--managed-ca', [CompletionResultType]::ParameterName, 'The rules are for certificates of Cloudflare''s managed CA, where the edge checks revocation (no `revoked-not-enforced` finding)')
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
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Find the mistakes operators make in mTLS rules')
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
        'mtlsctl;rule;help;test' {
            break
        }
        'mtlsctl;rule;help;generate' {
            break
        }
        'mtlsctl;rule;help;lint' {
            break
        }
        'mtlsctl;rule;help;help' {
            break
        }
        'mtlsctl;crl' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Write a CRL of the store''s revocations, signed by the store CA')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;crl;create' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Output file (default: stdout)')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days until nextUpdate')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password of an encrypted CA key from this file (first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--der', '--der', [CompletionResultType]::ParameterName, 'Write DER instead of PEM')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;crl;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Write a CRL of the store''s revocations, signed by the store CA')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;crl;help;create' {
            break
        }
        'mtlsctl;crl;help;help' {
            break
        }
        'mtlsctl;cf' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the zone''s mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what `cf apply` would change (exit 0 none, 3 pending, 2 error)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`')
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Uploaded CAs (BYO CA, account mTLS certificates)')
            [CompletionResult]::new('hostnames', 'hostnames', [CompletionResultType]::ParameterValue, 'Hostnames on which mTLS is on, per CA')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'The zone''s custom rules and mtlsctl.yaml')
            [CompletionResult]::new('client-cert', 'client-cert', [CompletionResultType]::ParameterValue, 'Client certificates from Cloudflare''s managed CA')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;status' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'A rules file whose `cloudflare:` section names the zone (default: ./mtlsctl.yaml if present)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;plan' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'The rules file with the `cloudflare:` section')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Also save the plan to FILE, for `mtlsctl cf apply FILE` (not written when the zone would refuse the plan)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;apply' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'The rules file with the `cloudflare:` section [default: mtlsctl.yaml]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Apply without asking (needed when stdin is not a terminal; a PLANFILE is applied without asking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Apply without asking (needed when stdin is not a terminal; a PLANFILE is applied without asking)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;ca' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Upload a CA certificate (refused if the same certificate is already uploaded)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the account''s uploaded certificates with their SKI')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;ca;upload' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The name to give it')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;ca;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;ca;delete' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;ca;help' {
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Upload a CA certificate (refused if the same certificate is already uploaded)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the account''s uploaded certificates with their SKI')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;ca;help;upload' {
            break
        }
        'mtlsctl;cf;ca;help;list' {
            break
        }
        'mtlsctl;cf;ca;help;delete' {
            break
        }
        'mtlsctl;cf;ca;help;help' {
            break
        }
        'mtlsctl;cf;hostnames' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the hostnames on a CA')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Turn mTLS on for hostnames (read, add, write back: nothing else is dropped)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Turn mTLS off for hostnames (read, remove, write back)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;hostnames;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA: an uploaded certificate''s id, `managed`, or `store` (the default: the store CA as uploaded)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;hostnames;add' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA: an uploaded certificate''s id, `managed`, or `store` (the default: the store CA as uploaded)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;hostnames;remove' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA: an uploaded certificate''s id, `managed`, or `store` (the default: the store CA as uploaded)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;hostnames;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the hostnames on a CA')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Turn mTLS on for hostnames (read, add, write back: nothing else is dropped)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Turn mTLS off for hostnames (read, remove, write back)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;hostnames;help;list' {
            break
        }
        'mtlsctl;cf;hostnames;help;add' {
            break
        }
        'mtlsctl;cf;hostnames;help;remove' {
            break
        }
        'mtlsctl;cf;hostnames;help;help' {
            break
        }
        'mtlsctl;cf;rules' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the zone''s custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Deploy the file''s rules by ref (rules mtlsctl does not own stay untouched and in place)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;rules;pull' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The file to write')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--mtls-only', '--mtls-only', [CompletionResultType]::ParameterName, 'Only the rules that read cf.tls_client_auth.* fields')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;rules;push' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'The rules file with the `cloudflare:` section')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Apply without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Apply without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;rules;help' {
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the zone''s custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Deploy the file''s rules by ref (rules mtlsctl does not own stay untouched and in place)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;rules;help;pull' {
            break
        }
        'mtlsctl;cf;rules;help;push' {
            break
        }
        'mtlsctl;cf;rules;help;help' {
            break
        }
        'mtlsctl;cf;client-cert' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Have Cloudflare''s managed CA sign a CSR (mtlsctl cert csr makes one)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the zone''s managed client certificates')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a managed client certificate')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;client-cert;create' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--csr', '--csr', [CompletionResultType]::ParameterName, 'The CSR (PEM)')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Validity in days')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the certificate here (default: stdout)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;client-cert;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;client-cert;revoke' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mtlsctl;cf;client-cert;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Have Cloudflare''s managed CA sign a CSR (mtlsctl cert csr makes one)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the zone''s managed client certificates')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a managed client certificate')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;client-cert;help;create' {
            break
        }
        'mtlsctl;cf;client-cert;help;list' {
            break
        }
        'mtlsctl;cf;client-cert;help;revoke' {
            break
        }
        'mtlsctl;cf;client-cert;help;help' {
            break
        }
        'mtlsctl;cf;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the zone''s mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what `cf apply` would change (exit 0 none, 3 pending, 2 error)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`')
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Uploaded CAs (BYO CA, account mTLS certificates)')
            [CompletionResult]::new('hostnames', 'hostnames', [CompletionResultType]::ParameterValue, 'Hostnames on which mTLS is on, per CA')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'The zone''s custom rules and mtlsctl.yaml')
            [CompletionResult]::new('client-cert', 'client-cert', [CompletionResultType]::ParameterValue, 'Client certificates from Cloudflare''s managed CA')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mtlsctl;cf;help;status' {
            break
        }
        'mtlsctl;cf;help;plan' {
            break
        }
        'mtlsctl;cf;help;apply' {
            break
        }
        'mtlsctl;cf;help;ca' {
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Upload a CA certificate (refused if the same certificate is already uploaded)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the account''s uploaded certificates with their SKI')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it)')
            break
        }
        'mtlsctl;cf;help;ca;upload' {
            break
        }
        'mtlsctl;cf;help;ca;list' {
            break
        }
        'mtlsctl;cf;help;ca;delete' {
            break
        }
        'mtlsctl;cf;help;hostnames' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the hostnames on a CA')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Turn mTLS on for hostnames (read, add, write back: nothing else is dropped)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Turn mTLS off for hostnames (read, remove, write back)')
            break
        }
        'mtlsctl;cf;help;hostnames;list' {
            break
        }
        'mtlsctl;cf;help;hostnames;add' {
            break
        }
        'mtlsctl;cf;help;hostnames;remove' {
            break
        }
        'mtlsctl;cf;help;rules' {
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the zone''s custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Deploy the file''s rules by ref (rules mtlsctl does not own stay untouched and in place)')
            break
        }
        'mtlsctl;cf;help;rules;pull' {
            break
        }
        'mtlsctl;cf;help;rules;push' {
            break
        }
        'mtlsctl;cf;help;client-cert' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Have Cloudflare''s managed CA sign a CSR (mtlsctl cert csr makes one)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the zone''s managed client certificates')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a managed client certificate')
            break
        }
        'mtlsctl;cf;help;client-cert;create' {
            break
        }
        'mtlsctl;cf;help;client-cert;list' {
            break
        }
        'mtlsctl;cf;help;client-cert;revoke' {
            break
        }
        'mtlsctl;cf;help;help' {
            break
        }
        'mtlsctl;serve' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store directory holding the local CA and its index')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (loopback unless you say otherwise; port 0 picks a free one)')
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'A hostname with mTLS enabled: a client certificate is requested (repeatable; default localhost; a name, not an IP address: clients send no SNI for one)')
            [CompletionResult]::new('--plain-hostname', '--plain-hostname', [CompletionResultType]::ParameterName, 'A hostname served without mTLS (added to the server certificate; repeatable)')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'The origin for allowed requests, http://host:port or https://host:port (default: a JSON echo)')
            [CompletionResult]::new('--upstream-ca', '--upstream-ca', [CompletionResultType]::ParameterName, 'Also trust this CA for an https:// origin''s certificate (PEM; repeatable; the system''s CAs are always trusted)')
            [CompletionResult]::new('--origin-client-cert', '--origin-client-cert', [CompletionResultType]::ParameterName, 'Authenticated Origin Pulls: present this client certificate to the https:// origin (PEM, leaf first)')
            [CompletionResult]::new('--origin-client-key', '--origin-client-key', [CompletionResultType]::ParameterName, 'The key of --origin-client-cert')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Headers added for the origin: managed, rfc9440, access, none (repeatable or comma-separated)')
            [CompletionResult]::new('--expr', '--expr', [CompletionResultType]::ParameterName, 'One expression to run (action block)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'A rules file (mtlsctl.yaml format); reloaded when it changes')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'Trust anchors: the CAs uploaded to Cloudflare (repeatable; default: the store CA)')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'CRLs, PEM or DER (repeatable; the store''s revocations are always used)')
            [CompletionResult]::new('--normalize', '--normalize', [CompletionResultType]::ParameterName, 'URL normalization applied to http.request.uri.path: rfc3986, cloudflare or off')
            [CompletionResult]::new('--server-cert', '--server-cert', [CompletionResultType]::ParameterName, 'The server certificate (PEM, leaf first) instead of one issued from the store CA')
            [CompletionResult]::new('--server-key', '--server-key', [CompletionResultType]::ParameterName, 'The server certificate''s key')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append one `rule test --requests` line per request to this file')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Open connections at most; further ones are closed at once')
            [CompletionResult]::new('--handshake-timeout', '--handshake-timeout', [CompletionResultType]::ParameterName, 'Time allowed for the TLS handshake')
            [CompletionResult]::new('--header-timeout', '--header-timeout', [CompletionResultType]::ParameterName, 'Time allowed for a request head; also how long a connection may wait between requests (HTTP/1 and HTTP/2)')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'A connection without a request in flight for this long is closed')
            [CompletionResult]::new('--max-header-bytes', '--max-header-bytes', [CompletionResultType]::ParameterName, 'Largest request head in bytes')
            [CompletionResult]::new('--shutdown-timeout', '--shutdown-timeout', [CompletionResultType]::ParameterName, 'How long SIGINT/SIGTERM wait for requests in flight')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Key password file for an encrypted key (the store CA''s, --server-key, --origin-client-key)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors are still printed)')
            [CompletionResult]::new('--upstream-insecure', '--upstream-insecure', [CompletionResultType]::ParameterName, 'SSL mode Full instead of Full (strict): encrypt to the https:// origin without verifying its certificate')
            [CompletionResult]::new('--managed-ca', '--managed-ca', [CompletionResultType]::ParameterName, 'The clients'' certificates come from Cloudflare''s managed CA, where the edge checks revocation: the store''s records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an uploaded CA, e.g. the store CA) cert_revoked is always false, as on the edge; block revoked certificates with `rule generate --block-revoked`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
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
            [CompletionResult]::new('rule', 'rule', [CompletionResultType]::ParameterValue, 'Check, evaluate, test, generate and lint Cloudflare Rules-language expressions')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Certificate revocation lists signed by the store CA')
            [CompletionResult]::new('cf', 'cf', [CompletionResultType]::ParameterValue, 'Deploy and inspect mTLS on a Cloudflare zone: uploaded CAs, hostnames, custom rules, managed client certificates')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local mTLS edge: real clients, the zone''s rules, Cloudflare''s headers')
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
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Mark a certificate issued by the store CA as revoked')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a certificate and its key as PKCS#12 for phones and devices')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Issue a new certificate with the same subject, SANs and profile')
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
        'mtlsctl;help;cert;verify' {
            break
        }
        'mtlsctl;help;cert;revoke' {
            break
        }
        'mtlsctl;help;cert;export' {
            break
        }
        'mtlsctl;help;cert;renew' {
            break
        }
        'mtlsctl;help;ski' {
            break
        }
        'mtlsctl;help;rule' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Parse and type-check an expression; print its canonical form')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the fields the Rules language knows, with their types')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate an expression against explicit field values')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Find the mistakes operators make in mTLS rules')
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
        'mtlsctl;help;rule;test' {
            break
        }
        'mtlsctl;help;rule;generate' {
            break
        }
        'mtlsctl;help;rule;lint' {
            break
        }
        'mtlsctl;help;crl' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Write a CRL of the store''s revocations, signed by the store CA')
            break
        }
        'mtlsctl;help;crl;create' {
            break
        }
        'mtlsctl;help;cf' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the zone''s mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what `cf apply` would change (exit 0 none, 3 pending, 2 error)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`')
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Uploaded CAs (BYO CA, account mTLS certificates)')
            [CompletionResult]::new('hostnames', 'hostnames', [CompletionResultType]::ParameterValue, 'Hostnames on which mTLS is on, per CA')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'The zone''s custom rules and mtlsctl.yaml')
            [CompletionResult]::new('client-cert', 'client-cert', [CompletionResultType]::ParameterValue, 'Client certificates from Cloudflare''s managed CA')
            break
        }
        'mtlsctl;help;cf;status' {
            break
        }
        'mtlsctl;help;cf;plan' {
            break
        }
        'mtlsctl;help;cf;apply' {
            break
        }
        'mtlsctl;help;cf;ca' {
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Upload a CA certificate (refused if the same certificate is already uploaded)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the account''s uploaded certificates with their SKI')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it)')
            break
        }
        'mtlsctl;help;cf;ca;upload' {
            break
        }
        'mtlsctl;help;cf;ca;list' {
            break
        }
        'mtlsctl;help;cf;ca;delete' {
            break
        }
        'mtlsctl;help;cf;hostnames' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the hostnames on a CA')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Turn mTLS on for hostnames (read, add, write back: nothing else is dropped)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Turn mTLS off for hostnames (read, remove, write back)')
            break
        }
        'mtlsctl;help;cf;hostnames;list' {
            break
        }
        'mtlsctl;help;cf;hostnames;add' {
            break
        }
        'mtlsctl;help;cf;hostnames;remove' {
            break
        }
        'mtlsctl;help;cf;rules' {
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the zone''s custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Deploy the file''s rules by ref (rules mtlsctl does not own stay untouched and in place)')
            break
        }
        'mtlsctl;help;cf;rules;pull' {
            break
        }
        'mtlsctl;help;cf;rules;push' {
            break
        }
        'mtlsctl;help;cf;client-cert' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Have Cloudflare''s managed CA sign a CSR (mtlsctl cert csr makes one)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the zone''s managed client certificates')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a managed client certificate')
            break
        }
        'mtlsctl;help;cf;client-cert;create' {
            break
        }
        'mtlsctl;help;cf;client-cert;list' {
            break
        }
        'mtlsctl;help;cf;client-cert;revoke' {
            break
        }
        'mtlsctl;help;serve' {
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
