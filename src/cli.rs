//! The command line, as clap definitions only: no behaviour lives here.
//!
//! `mtlsctl completions`, the man pages in `docs/man/` and the files in `completions/` are
//! all generated from [`Cli`], and a test fails when the committed ones are out of date.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::pki::crl_issue::Reason;
use crate::pki::keys::KeyType;
use crate::pki::p12::P12Profile;
use crate::pki::spec::{NotAfter, San, Subject};

const ROOT_AFTER: &str = "\
EXIT CODES:
  0  success (rule commands: the answer is yes / allowed)
  1  a negative answer (rule eval: false)
  2  usage or input error
  3  cf plan: changes pending

ENVIRONMENT:
  MTLSCTL_STORE  the store directory (default: ~/.local/share/mtlsctl)
  NO_COLOR       disables colour when set (unless --color always)

EXAMPLES:
  mtlsctl cert create                      # a local CA (once), then ./client.crt + ./client.key
  mtlsctl ski client.crt                   # the issuer SKI to pin in a Cloudflare rule
  mtlsctl cert inspect client.crt --json   # every cf.tls_client_auth.* value the edge computes
  mtlsctl rule check 'not cf.tls_client_auth.cert_verified'";

/// Client certificates, issuer SKIs and Cloudflare mTLS rules: issue, inspect, generate and
/// dry-run them.
#[derive(Debug, Parser)]
#[command(name = "mtlsctl", version, propagate_version = true, after_long_help = ROOT_AFTER)]
pub struct Cli {
    /// Global options.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

// Options every command takes, shown under their own heading after each command's options.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The store directory holding the local CA and its index.
    #[arg(long, global = true, env = "MTLSCTL_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// When to colour human output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print no status messages on stderr (errors are still printed).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The top-level commands.
///
/// Every subcommand enum is `defer = true`: a run builds the arguments of the one command it
/// runs, not of all of them (clap's command tree cost a fifth of a short run's instructions
/// and a third of its heap page faults). The `Args` structs therefore carry `//` comments, not
/// doc comments: the doc comment of a struct built late (flattened ones too) would replace
/// the variant's, which is the command's `about`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Create, sign, list and inspect certificates.
    #[command(subcommand)]
    Cert(CertCommand),
    /// Print the issuer Subject Key Identifier (cf.tls_client_auth.cert_issuer_ski).
    #[command(after_long_help = SKI_AFTER)]
    Ski(SkiArgs),
    /// Check, evaluate, test, generate and lint Cloudflare Rules-language expressions.
    #[command(subcommand)]
    Rule(RuleCommand),
    /// Certificate revocation lists signed by the store CA.
    #[command(subcommand)]
    Crl(CrlCommand),
    /// Deploy and inspect mTLS on a Cloudflare zone: uploaded CAs, hostnames, custom rules,
    /// managed client certificates.
    #[command(subcommand, after_long_help = CF_AFTER)]
    Cf(CfCommand),
    /// Run a local mTLS edge: real clients, the zone's rules, Cloudflare's headers.
    #[command(after_long_help = SERVE_AFTER)]
    Serve(ServeArgs),
    /// Print a shell completion script.
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl completions bash > /etc/bash_completion.d/mtlsctl\n  mtlsctl completions zsh > \"${fpath[1]}/_mtlsctl\"\n  mtlsctl completions fish > ~/.config/fish/completions/mtlsctl.fish"
    )]
    Completions(CompletionsArgs),
}

const SKI_AFTER: &str = "\
Prints the Authority Key Identifier key id of each certificate as upper-case hex without
colons: exactly what `openssl x509 -noout -ext authorityKeyIdentifier -in F | tail -n1 |
tr -d ': '` prints when that works. Where it would print nothing or garbage, mtlsctl either
reads the value from a real extension (a self-signed certificate's own SKI, or the SKI of
the CA given with --issuer after checking its signature) or fails with exit 2 and nothing
on stdout. It never prints a computed value as if the certificate carried it.

EXIT CODES:
  0  every file gave an SKI
  2  a file could not be read or has no issuer key id

EXAMPLES:
  mtlsctl ski mtls.crt
  mtlsctl ski certs/*.pem                   # one `HEX  FILE` line per file
  mtlsctl ski --own mtls.crt                # the certificate's own SKI (cert_ski)
  mtlsctl ski --issuer ca.pem legacy.crt    # no AKI in the cert: use the CA's SKI
  cat mtls.crt | mtlsctl ski -";

// `mtlsctl ski`.
#[derive(Debug, Args)]
pub struct SkiArgs {
    /// Certificate files (PEM or DER, detected); `-` reads stdin.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Every certificate in each file, not only the first.
    #[arg(long)]
    pub all: bool,
    /// Print the certificate's own SKI (cf.tls_client_auth.cert_ski) instead.
    #[arg(long)]
    pub own: bool,
    /// The issuing CA, used when a certificate has no AKI key id (its signature is checked).
    #[arg(long, value_name = "CA.pem")]
    pub issuer: Option<PathBuf>,
}

// `mtlsctl completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `mtlsctl cert ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CertCommand {
    /// Create a CA, an intermediate CA or a client certificate (default: a client certificate
    /// from the store CA, creating the CA first if there is none).
    #[command(after_long_help = CREATE_AFTER)]
    Create(CreateArgs),
    /// Create a private key and a certificate signing request (for Cloudflare's managed CA).
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl cert csr --cn device-42 --out device-42.csr --key-out device-42.key\n  curl -X POST .../zones/$ZONE/client_certificates \\\n    --data \"$(jq -n --rawfile csr device-42.csr '{csr: $csr, validity_days: 365}')\""
    )]
    Csr(CsrArgs),
    /// Issue a client certificate for an external CSR, signed by the store CA.
    #[command(
        after_long_help = "The CSR's signature is verified; its subject and SANs are kept unless --cn, --subject or\n--san override them. A CSR cannot obtain a CA certificate: the result is always a client\ncertificate (CA:FALSE, EKU clientAuth).\n\nEXAMPLES:\n  mtlsctl cert sign device.csr --out device.crt\n  mtlsctl cert sign device.csr --days 90 --issuer-cert inter.crt --issuer-key inter.key"
    )]
    Sign(SignArgs),
    /// List what the store CA issued.
    #[command(
        after_long_help = "STATUS is computed: revoked, superseded or pending as recorded, else expired once notAfter\nhas passed, else valid. pending: the run that made it died before it said the file was\nwritten; it may exist, and it can be revoked.\n\nEXAMPLES:\n  mtlsctl cert list\n  mtlsctl cert list --expiring 30d\n  mtlsctl cert list --status revoked --json | jq -r '.[].serial'"
    )]
    List(ListArgs),
    /// Show a certificate and every cf.tls_client_auth.* value the edge would compute for it.
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl cert inspect client.crt\n  mtlsctl cert inspect client.crt --json | jq -r '.\"cf.tls_client_auth.cert_serial\"'"
    )]
    Inspect(InspectArgs),
    /// Validate a client certificate as the edge would (chain, validity, EKU clientAuth, revocation).
    #[command(after_long_help = VERIFY_AFTER)]
    Verify(VerifyArgs),
    /// Mark a certificate issued by the store CA as revoked.
    #[command(
        after_long_help = "The serial may be hex (with or without colons, any case) or decimal, as Cloudflare's API\nprints it; leading zero bytes do not matter. A serial of digits only is read both ways, and\nthe one the store issued is taken. Revoking a certificate that is already revoked changes\nnothing and exits 0. Publish the revocation with `mtlsctl crl create`.\n\nEXIT CODES:\n  0  revoked (or already revoked)\n  2  unknown serial, not from the store CA, or another input error\n\nEXAMPLES:\n  mtlsctl cert revoke device-42.crt --reason keyCompromise\n  mtlsctl cert revoke 5C3A09...9F\n  mtlsctl crl create --out crl.pem"
    )]
    Revoke(RevokeArgs),
    /// Export a certificate and its key as PKCS#12 for phones and devices.
    #[command(
        after_long_help = "The password comes from --password-file, MTLSCTL_P12_PASSWORD, or a prompt on a terminal;\nnever from the command line. The file is written 0600. Profiles: modern (AES-256-CBC,\nPBKDF2-SHA256, HMAC-SHA256 MAC, 200,000 iterations) and legacy (3DES, SHA-1 MAC, 2048\niterations) for the iOS and Android installers that reject AES. legacy is weak: use it only\nto carry the file to a phone, with a strong password, and delete the file afterwards (a\nwarning says so each time). The chain defaults to the store CA when it issued FILE.\n\nEXAMPLES:\n  mtlsctl cert export device-42.crt --p12 --password-file pw.txt\n  MTLSCTL_P12_PASSWORD=... mtlsctl cert export phone.crt --p12 --profile legacy --out phone.p12"
    )]
    Export(ExportArgs),
    /// Issue a new certificate with the same subject, SANs and profile.
    #[command(
        after_long_help = "Keeps the subject, SANs and profile; a new serial, a new validity (by default as long as the\nold certificate's) and a new key of the same type unless --reuse-key. When the store CA\nissued the old certificate, its index entry becomes `superseded` (or `revoked` with reason\nsuperseded under --revoke-old).\n\nOnly a certificate the signing CA (store CA or --issuer-cert) issued is renewed; for the store\nCA the profile is the one its index recorded. An intermediate CA is renewed only with\n--intermediate. --reuse-key is refused for a certificate revoked with reason unspecified,\nkeyCompromise or cACompromise.\n\nEXAMPLES:\n  mtlsctl cert renew device-42.crt --force\n  mtlsctl cert renew device-42.crt --out device-42.new.crt --reuse-key --days 90\n  mtlsctl cert renew inter.crt --intermediate --out inter2.crt"
    )]
    Renew(RenewArgs),
}

const VERIFY_AFTER: &str = "\
Validation for TLS client authentication with rustls-webpki: the chain to a trust anchor
through the intermediates the client sends, validity at --at (default now), EKU clientAuth,
CA constraints and keyUsage (as OpenSSL's sslclient purpose); then revocation from --crl files
and the store's records. A revoked certificate is still `verified` (as on the edge) but not
valid.

What the edge computes is printed apart from the local view: for an uploaded CA (the default,
and every store CA) Cloudflare never checks revocation, so the edge's cert_revoked is false
and a locally revoked certificate shows `revoked false` and `revoked locally true`, with a
warning naming the fix (mtlsctl rule generate --block-revoked). With --managed-ca (a
certificate of Cloudflare's managed CA) the local revocation is the edge's cert_revoked.

EXIT CODES:
  0  valid (verified and not revoked, locally or at the edge)
  1  not valid (the reason is printed in Cloudflare's words)
  2  usage or input error

EXAMPLES:
  mtlsctl cert verify client.crt
  mtlsctl cert verify client.crt --ca inter.crt --crl crl.pem
  mtlsctl cert verify client.crt --ca ca.crt --chain inter.crt --at 2030-01-01T00:00:00Z";

// Trust anchors, intermediates, CRLs and time, shared by `cert verify` and `rule test`.
#[derive(Debug, Args, Clone)]
pub struct TrustArgs {
    /// Trust anchors: the CAs uploaded to Cloudflare (repeatable, bundles allowed; default: the store CA).
    #[arg(long = "ca", value_name = "FILE")]
    pub cas: Vec<PathBuf>,
    /// Intermediate certificates the client sends.
    #[arg(long, value_name = "FILE")]
    pub chain: Option<PathBuf>,
    /// CRLs, PEM or DER (repeatable; the store's revocations are always read). They say what is
    /// revoked locally; the edge applies them only with --managed-ca.
    #[arg(long = "crl", value_name = "FILE")]
    pub crls: Vec<PathBuf>,
    /// Validate at this time (RFC 3339) instead of now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// The certificate comes from Cloudflare's managed CA, where the edge checks revocation:
    /// the store's records and --crl then set cf.tls_client_auth.cert_revoked. Without it (an
    /// uploaded CA, e.g. the store CA) the edge's cert_revoked is always false and local
    /// revocation is reported apart, as revoked_locally.
    #[arg(long)]
    pub managed_ca: bool,
}

// `cert verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The client certificate (PEM or DER; a PEM file may carry the chain after the leaf).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Trust options.
    #[command(flatten)]
    pub trust: TrustArgs,
}

// `cert revoke`.
#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// A serial (hex, with or without colons, or decimal) or a certificate file.
    #[arg(value_name = "SERIAL|FILE")]
    pub target: String,
    /// RFC 5280 reason: keyCompromise, superseded, cessationOfOperation, affiliationChanged, ...
    #[arg(long, value_name = "REASON", value_parser = parse_reason)]
    pub reason: Option<Reason>,
}

// PKCS#12 password options.
#[derive(Debug, Args, Clone)]
pub struct P12PasswordArgs {
    /// Read the PKCS#12 password from this file (first line).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Allow an empty PKCS#12 password.
    #[arg(long)]
    pub empty_password: bool,
}

// `cert export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The certificate to export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write PKCS#12 (the only export format for now).
    #[arg(long)]
    pub p12: bool,
    /// The private key (default: next to the certificate, .key).
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Chain certificates to include (default: the store CA when it issued the certificate).
    #[arg(long, value_name = "FILE")]
    pub chain: Option<PathBuf>,
    /// PKCS#12 profile: modern (AES-256, PBKDF2-SHA256) or legacy (3DES, SHA-1 MAC: weak, transport to phones only).
    #[arg(long, value_name = "PROFILE", default_value = "modern", value_parser = parse_p12_profile)]
    pub profile: P12Profile,
    /// Output file (default: next to the certificate, .p12).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Password options.
    #[command(flatten)]
    pub password: P12PasswordArgs,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

// `cert renew`.
#[derive(Debug, Args)]
pub struct RenewArgs {
    /// The certificate to renew.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Keep the existing key (default: a new key of the same type).
    #[arg(long)]
    pub reuse_key: bool,
    /// Revoke the old certificate (default: record it as superseded).
    #[arg(long)]
    pub revoke_old: bool,
    /// FILE is an intermediate CA and a new intermediate CA is meant (required for CA certificates).
    #[arg(long)]
    pub intermediate: bool,
    /// Validity.
    #[command(flatten)]
    pub validity: ValidityArgs,
    /// Issuer.
    #[command(flatten)]
    pub issuer: IssuerArgs,
    /// Certificate output file (default: replace FILE, which needs --force).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Key output file (default: next to the certificate, .key).
    #[arg(long, value_name = "FILE", conflicts_with = "reuse_key")]
    pub key_out: Option<PathBuf>,
    /// Read the password of an encrypted issuer key from this file (first line).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
}

/// `mtlsctl crl ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CrlCommand {
    /// Write a CRL of the store's revocations, signed by the store CA.
    #[command(
        after_long_help = "Every run takes the next CRL number (kept in the store index, under its lock) and lists every\ncertificate revoked in the store by the current CA, with its reason code.\n\nEXAMPLES:\n  mtlsctl crl create --out crl.pem\n  mtlsctl crl create --der --days 7 --out crl.der\n  openssl crl -in crl.pem -CAfile ~/.local/share/mtlsctl/ca.crt -noout -verify"
    )]
    Create(CrlCreateArgs),
}

// `crl create`.
#[derive(Debug, Args)]
pub struct CrlCreateArgs {
    /// Output file (default: stdout).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Days until nextUpdate.
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// Write DER instead of PEM.
    #[arg(long)]
    pub der: bool,
    /// Read the password of an encrypted CA key from this file (first line).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

const CREATE_AFTER: &str = "\
With no arguments: if the store has no CA, one is created (and announced), then a client
certificate is issued from it into ./client.crt and ./client.key. Existing files are never
replaced without --force. Keys are written 0600 as PKCS#8 PEM.

EXAMPLES:
  mtlsctl cert create
  mtlsctl cert create --ca --cn 'Acme mTLS CA' --subject 'O=Acme,C=US'
  mtlsctl cert create --cn device-42 --san device-42.acme.internal --days 90
  mtlsctl cert create --intermediate --out inter.crt --key-out inter.key
  mtlsctl cert create --cn device --count 100           # device-001.crt ... device-100.crt
  mtlsctl cert create --cn ops --issuer-cert inter.crt --issuer-key inter.key --key-type ed25519";

// What `cert create` makes.
#[derive(Debug, Args, Clone, Copy)]
#[group(multiple = false)]
pub struct ProfileArgs {
    /// A self-signed root CA (into the store unless --out is given).
    #[arg(long)]
    pub ca: bool,
    /// An intermediate CA (pathlen 0), signed by the store CA or --issuer-cert.
    #[arg(long)]
    pub intermediate: bool,
    /// A client certificate (the default).
    #[arg(long)]
    pub client: bool,
}

// Subject and SAN options shared by create, csr and sign.
#[derive(Debug, Args, Clone)]
pub struct NameArgs {
    /// The common name (CN).
    #[arg(long, value_name = "NAME", value_parser = parse_cn)]
    pub cn: Option<String>,
    /// Further subject attributes, e.g. "O=Acme,OU=Ops,C=US".
    #[arg(long, value_name = "DN")]
    pub subject: Option<Subject>,
    /// A subject alternative name, typed like step: IP, URI (scheme:), email (@), else DNS.
    #[arg(long = "san", value_name = "SAN")]
    pub sans: Vec<San>,
}

// Validity options.
#[derive(Debug, Args, Clone, Copy)]
pub struct ValidityArgs {
    /// Lifetime in days (default: CA 3650, intermediate 1825, client 365).
    #[arg(long, value_name = "N", conflicts_with = "not_after", value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub days: Option<u32>,
    /// End of validity: an RFC 3339 time or a duration such as 90d, 12h, 1y.
    #[arg(long, value_name = "TIME|DURATION")]
    pub not_after: Option<NotAfter>,
}

// The CA that signs, when not the store's.
#[derive(Debug, Args, Clone, Default)]
pub struct IssuerArgs {
    /// Issuer certificate (instead of the store CA).
    #[arg(long, value_name = "FILE", requires = "issuer_key")]
    pub issuer_cert: Option<PathBuf>,
    /// Issuer private key.
    #[arg(long, value_name = "FILE", requires = "issuer_cert")]
    pub issuer_key: Option<PathBuf>,
}

// `cert create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Which profile.
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// Names.
    #[command(flatten)]
    pub names: NameArgs,
    /// Key type.
    #[arg(long, default_value = "p256", value_name = "TYPE", value_parser = parse_key_type)]
    pub key_type: KeyType,
    /// Validity.
    #[command(flatten)]
    pub validity: ValidityArgs,
    /// Issuer.
    #[command(flatten)]
    pub issuer: IssuerArgs,
    /// Certificate output file (default: ./<name>.crt; for --ca, the store).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Key output file (default: next to the certificate, .key).
    #[arg(long, value_name = "FILE")]
    pub key_out: Option<PathBuf>,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
    /// Encrypt the new private key (PKCS#8, PBES2 AES-256); password from --password-file, MTLSCTL_NEW_KEY_PASSWORD or MTLSCTL_CA_PASSWORD.
    #[arg(long)]
    pub encrypt_key: bool,
    /// Read key passwords from this file (first line): for --encrypt-key and an encrypted issuer key.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Also write a PKCS#12 file (<name>.p12); password from MTLSCTL_P12_PASSWORD or a prompt.
    #[arg(long)]
    pub p12: bool,
    /// Make N client certificates in one run: <name>-001.crt ... (one key each).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100000))]
    pub count: u32,
}

// `cert csr`.
#[derive(Debug, Args)]
pub struct CsrArgs {
    /// Names.
    #[command(flatten)]
    pub names: NameArgs,
    /// Key type.
    #[arg(long, default_value = "p256", value_name = "TYPE", value_parser = parse_key_type)]
    pub key_type: KeyType,
    /// CSR output file (default: ./<name>.csr).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Key output file (default: ./<name>.key).
    #[arg(long, value_name = "FILE")]
    pub key_out: Option<PathBuf>,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
}

// `cert sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The CSR (PEM or DER); `-` reads stdin.
    #[arg(value_name = "CSR")]
    pub csr: PathBuf,
    /// Names that override the CSR's.
    #[command(flatten)]
    pub names: NameArgs,
    /// Validity.
    #[command(flatten)]
    pub validity: ValidityArgs,
    /// Issuer.
    #[command(flatten)]
    pub issuer: IssuerArgs,
    /// Certificate output file (default: the CSR's name with .crt).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Read the password of an encrypted issuer key from this file (first line).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

// `cert list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only certificates not yet expired that expire within this duration (e.g. 30d, 12h).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expiring: Option<time::Duration>,
    /// Only certificates with this status: valid, expired, revoked, superseded, pending.
    #[arg(long, value_name = "STATUS", value_parser = ["valid", "expired", "revoked", "superseded", "pending"])]
    pub status: Option<String>,
}

// `cert inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The certificate (PEM or DER); `-` reads stdin.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The issuing CA, for cert_issuer_serial (default: the store CA, if it signed the file).
    #[arg(long, value_name = "CA.pem")]
    pub issuer: Option<PathBuf>,
}

/// `mtlsctl rule ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum RuleCommand {
    /// Parse and type-check an expression; print its canonical form.
    #[command(
        after_long_help = "EXIT CODES:\n  0  the expression is valid (its canonical form is printed)\n  2  it is not (the error, with line:column and a caret, is printed on stderr)\n\nEXAMPLES:\n  mtlsctl rule check 'not cf.tls_client_auth.cert_verified and http.request.uri.path in {\"/admin\"}'\n  mtlsctl rule check - < rule.txt"
    )]
    Check(RuleCheckArgs),
    /// List the fields the Rules language knows, with their types.
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl rule fields\n  mtlsctl rule fields --json | jq -r '.[] | select(.type == \"Boolean\") | .name'"
    )]
    Fields(RuleFieldsArgs),
    /// Evaluate an expression against explicit field values.
    #[command(after_long_help = RULE_EVAL_AFTER)]
    Eval(RuleEvalArgs),
    /// Dry-run a request: compute what the edge sees for a certificate and a request, run the rules, say allow or block and why.
    #[command(after_long_help = RULE_TEST_AFTER)]
    Test(RuleTestArgs),
    /// Write Cloudflare rule expressions (and API JSON, Terraform, YAML) from intent.
    #[command(after_long_help = RULE_GENERATE_AFTER)]
    Generate(RuleGenerateArgs),
    /// Find the mistakes operators make in mTLS rules.
    #[command(
        after_long_help = "A rules file (--rules, ./mtlsctl.yaml) is also checked as a whole: rules relying on\ncf.tls_client_auth.cert_revoked with no rule blocking revoked serials get `revoked-not-enforced`\n(the edge never sets cert_revoked for an uploaded CA; --managed-ca for Cloudflare's managed CA).\n\nEXIT CODES:\n  0  no findings\n  1  findings\n  2  usage or input error\n\nEXAMPLES:\n  mtlsctl rule lint 'not cf.tls_client_auth.cert_verified and http.request.uri.path in {\"/admin\"}'\n  mtlsctl rule lint --rules mtlsctl.yaml --plan pro"
    )]
    Lint(RuleLintArgs),
}

const RULE_TEST_AFTER: &str = "\
Rules come from --expr, else --rules FILE, else ./mtlsctl.yaml, else the recommended rules for
the store CA (verified, not revoked, issuer SKI pinned; before it, the store's revoked serials
blocked by cert_serial), announced on stderr.

Revocation: cf.tls_client_auth.cert_revoked is what the edge computes. For an uploaded CA (the
default, and every store CA) that is always false, whatever the store or a --crl says: a
revoked certificate is blocked at the edge only by a rule on its serial (mtlsctl rule generate
--block-revoked). The local view is shown apart (revoked_locally) with a warning. With
--managed-ca (certificates of Cloudflare's managed CA, where the edge does check revocation)
the store's records and --crl set cert_revoked.

With --requests, a line's cert/chain holds PEM; a file name is read only with
--allow-cert-files (relative to the JSONL file's directory; regular files only).

With --requests, each output line has the verdict and deciding rule; a line recorded by
`mtlsctl serve --log` also carries the verdict it got then, shown as `recorded` and
`recorded_rule`, so a changed rule can be compared with recorded traffic.

EXIT CODES:
  0  allowed (with --expect: the verdict matched)
  1  blocked or challenged (with --expect: it did not match)
  2  usage or input error

EXAMPLES:
  mtlsctl rule test --cert client.crt --path /admin
  mtlsctl rule test --no-cert --url https://api.acme.com/admin?x=1 --expect block
  mtlsctl rule test --cert client.crt --ca inter.crt --crl crl.pem --rules mtlsctl.yaml --json
  mtlsctl rule test --cert managed.crt --ca cloudflare-managed-ca.pem --managed-ca --path /admin
  mtlsctl rule test --requests requests.jsonl --allow-cert-files";

const RULE_GENERATE_AFTER: &str = "\
--block-revoked writes the rules that block revoked certificates at the edge, where an uploaded
CA's revocations are never checked (cert_revoked stays false): `cert_issuer_ski eq ... and
cert_serial in {...}` from the store's revocation records and every --crl FILE, split into as
many rules as the 4,096-character limit needs, with the refs mtls_revoked_1..n. With --save
they replace the previous mtls_revoked_* rules in ./mtlsctl.yaml (first in the file, so they
run first). Re-run it after every `cert revoke`.

EXAMPLES:
  mtlsctl rule generate --path /admin
  mtlsctl rule generate --path-prefix /api --host api.acme.com --pin-ca inter.crt --format terraform
  mtlsctl rule generate --path /admin --format json --entrypoint
  mtlsctl rule generate --path-prefix /admin --ref mtls_admin --save
  mtlsctl rule generate --block-revoked --save
  mtlsctl rule generate --block-revoked --crl partner-ca.crl --format json";

// Request options for `rule test`.
#[derive(Debug, Args, Clone)]
pub struct RequestArgs {
    /// The request path (a ?query part goes to the query).
    #[arg(long, value_name = "PATH", conflicts_with = "url")]
    pub path: Option<String>,
    /// The whole URL, https://host/path?query.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The Host header.
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,
    /// The method.
    #[arg(long, value_name = "METHOD", default_value = "GET")]
    pub method: String,
    /// A request header, "Name: value" (repeatable).
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// The client IP address.
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// The edge server port.
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,
    /// The zone's URL normalization of http.request.uri.path: rfc3986 (the default: never merges
    /// slashes), cloudflare (also `\` to `/` and merged slashes; match your zone's setting) or
    /// off (the path as sent).
    #[arg(long, value_name = "MODE", default_value = "rfc3986")]
    pub normalize: String,
    /// Override any field last, FIELD=VALUE (repeatable).
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub sets: Vec<String>,
}

// `rule test`.
#[derive(Debug, Args)]
pub struct RuleTestArgs {
    /// The client certificate (PEM or DER).
    #[arg(long, value_name = "FILE", conflicts_with = "no_cert")]
    pub cert: Option<PathBuf>,
    /// The client sends no certificate.
    #[arg(long)]
    pub no_cert: bool,
    /// Trust options.
    #[command(flatten)]
    pub trust: TrustArgs,
    /// The request.
    #[command(flatten)]
    pub request: RequestArgs,
    /// One expression to test (action block).
    #[arg(long, value_name = "EXPR", conflicts_with = "rules")]
    pub expr: Option<String>,
    /// A rules file (mtlsctl.yaml format).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Exit 0 when the verdict is this (allow or block), 1 otherwise.
    #[arg(long, value_name = "VERDICT")]
    pub expect: Option<String>,
    /// Test many requests, one JSON object per line (`-` for stdin).
    #[arg(long, value_name = "FILE.jsonl")]
    pub requests: Option<PathBuf>,
    /// With --requests: a line's cert/chain may name a file (relative to the JSONL file's
    /// directory; regular files only). Without it only inline PEM is taken.
    #[arg(long, requires = "requests")]
    pub allow_cert_files: bool,
}

// Intent options for `rule generate`.
#[derive(Debug, Args, Clone)]
pub struct IntentArgs {
    /// An exact path to protect (repeatable).
    #[arg(long = "path", value_name = "PATH")]
    pub paths: Vec<String>,
    /// A path and its whole subtree to protect (repeatable).
    #[arg(long = "path-prefix", value_name = "PATH")]
    pub path_prefixes: Vec<String>,
    /// Limit the rule to this host (repeatable).
    #[arg(long = "host", value_name = "HOST")]
    pub hosts: Vec<String>,
    /// Pin the issuer SKI (hex).
    #[arg(long, value_name = "HEX", conflicts_with = "pin_ca")]
    pub issuer_ski: Option<String>,
    /// Pin the SKI of this CA certificate.
    #[arg(long, value_name = "FILE")]
    pub pin_ca: Option<PathBuf>,
    /// Do not block revoked certificates.
    #[arg(long)]
    pub no_revocation_check: bool,
    /// Match paths case-insensitively (lower()).
    #[arg(long)]
    pub case_insensitive: bool,
    /// The action: block, managed_challenge, js_challenge, challenge, skip, log.
    #[arg(long, value_name = "ACTION", default_value = "block")]
    pub action: String,
    /// The rule's ref.
    #[arg(long = "ref", value_name = "REF")]
    pub reference: Option<String>,
    /// The rule's description.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
}

// `rule generate`.
#[derive(Debug, Args)]
pub struct RuleGenerateArgs {
    /// The intent.
    #[command(flatten)]
    pub intent: IntentArgs,
    /// Generate from every rule of a rules file instead.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Output: expression, json, terraform or yaml.
    #[arg(long, value_name = "FORMAT", default_value = "expression")]
    pub format: String,
    /// With --format json: wrap all rules as the entrypoint PUT body.
    #[arg(long)]
    pub entrypoint: bool,
    /// Append the rule to ./mtlsctl.yaml (with --block-revoked: replace the mtls_revoked_* rules).
    #[arg(long)]
    pub save: bool,
    /// Write the rules that block revoked certificates by serial (from the store's records and
    /// every --crl), for an uploaded CA whose revocations the edge never checks.
    #[arg(long, conflicts_with = "rules")]
    pub block_revoked: bool,
    /// With --block-revoked: also block what this CRL lists (repeatable, PEM or DER).
    #[arg(long = "crl", value_name = "FILE", requires = "block_revoked")]
    pub crls: Vec<PathBuf>,
    /// The zone's Cloudflare plan: free, pro, business, enterprise. Nothing the plan cannot
    /// deploy is emitted (below pro: no custom block response, and one the rules file gives is
    /// an error; below enterprise: no log action).
    #[arg(long, value_name = "PLAN", default_value = "enterprise")]
    pub plan: String,
}

// `rule lint`.
#[derive(Debug, Args)]
pub struct RuleLintArgs {
    /// The expression (`-` reads stdin).
    #[arg(value_name = "EXPR", conflicts_with = "rules")]
    pub expr: Option<String>,
    /// A rules file (mtlsctl.yaml format).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// The Cloudflare plan, for plan limits: free, pro, business, enterprise.
    #[arg(long, value_name = "PLAN", default_value = "enterprise")]
    pub plan: String,
    /// The rules are for certificates of Cloudflare's managed CA, where the edge checks
    /// revocation (no `revoked-not-enforced` finding).
    #[arg(long)]
    pub managed_ca: bool,
}

const RULE_EVAL_AFTER: &str = "\
Values are typed by the field: true/false for Boolean, decimal for Integer, an address for
IP, strings as given. Unset fields take the edge's defaults (\"\", false, 0; arrays and maps
are missing).

EXIT CODES:
  0  the expression is true
  1  the expression is false
  2  usage or input error

With --batch, each input line is {\"expr\": \"...\", \"fields\": {\"name\": value}} and each output
line is {\"result\": true|false} or {\"error\": \"...\"}; the exit code is 0 unless the batch
file itself cannot be read.

EXAMPLES:
  mtlsctl rule eval 'http.request.uri.path in {\"/admin\"}' --set http.request.uri.path=/admin
  mtlsctl rule eval 'not cf.tls_client_auth.cert_verified' --set cf.tls_client_auth.cert_verified=true --explain
  mtlsctl rule eval --batch cases.jsonl";

// `rule check`.
#[derive(Debug, Args)]
pub struct RuleCheckArgs {
    /// The expression, or `-` to read it from stdin.
    #[arg(value_name = "EXPR")]
    pub expr: String,
}

// `rule fields`.
#[derive(Debug, Args)]
pub struct RuleFieldsArgs {}

// `rule eval`.
#[derive(Debug, Args)]
pub struct RuleEvalArgs {
    /// The expression (`-` reads stdin); not with --batch.
    #[arg(
        value_name = "EXPR",
        required_unless_present = "batch",
        conflicts_with = "batch"
    )]
    pub expr: Option<String>,
    /// A field value, FIELD=VALUE (repeatable).
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub sets: Vec<String>,
    /// Print the evaluation trace as a tree.
    #[arg(long)]
    pub explain: bool,
    /// Evaluate a JSONL file of {"expr", "fields"} lines (`-` for stdin).
    #[arg(long, value_name = "FILE.jsonl")]
    pub batch: Option<PathBuf>,
}

fn parse_key_type(s: &str) -> Result<KeyType, String> {
    s.parse::<KeyType>().map_err(|e| e.to_string())
}

fn parse_reason(s: &str) -> Result<Reason, String> {
    s.parse::<Reason>().map_err(|e| e.to_string())
}

fn parse_p12_profile(s: &str) -> Result<P12Profile, String> {
    s.parse::<P12Profile>().map_err(|e| e.to_string())
}

fn parse_duration(s: &str) -> Result<time::Duration, String> {
    crate::pki::spec::parse_duration(s.trim()).map_err(|e| e.to_string())
}

fn parse_cn(s: &str) -> Result<String, String> {
    crate::pki::spec::parse_cn(s).map_err(|e| e.to_string())
}

const CF_AFTER: &str = "\
CREDENTIALS (from the environment only, never from the command line):
  CLOUDFLARE_API_TOKEN                    an API token (Authorization: Bearer), or
  CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL   the global API key
  CLOUDFLARE_ACCOUNT_ID                   the account of uploaded CAs (default: the zone's)
  CLOUDFLARE_ZONE_ID                      the zone when neither --zone nor mtlsctl.yaml names one
  CLOUDFLARE_BASE_URL                     the API base URL (also CLOUDFLARE_API_BASE_URL;
                                          default https://api.cloudflare.com/client/v4)

Token permissions: Zone: Zone Read, Zone: SSL and Certificates Edit, Zone: WAF Edit, and
Account: SSL and Certificates Edit for uploaded CAs.

EXAMPLES:
  mtlsctl cf status --zone example.com
  mtlsctl cf plan                 # exit 0: nothing to change, 3: changes pending, 2: error
  mtlsctl cf apply --yes";

const CF_PLAN_AFTER: &str = "\
Reads the `cloudflare:` section of mtlsctl.yaml (zone, CA, hostnames, rules by ref), reads
the zone, and prints what `cf apply` would change: the CA upload (skipped when a certificate
with the same DER is already uploaded), the hostnames added to the CA (a hostname is only
ever removed when listed under remove_hostnames, and the plan says so in capitals), and the
custom rules created, changed or deleted by ref (rules mtlsctl does not own stay untouched
and in place). What the zone's plan would refuse (BYO CA below Enterprise, the log action
below Enterprise, too many rules) is reported before anything is sent.

EXIT CODES (unlike other commands, 1 is not used: like `terraform plan -detailed-exitcode`
but with 3 for pending changes, so 2 stays the error code everywhere):
  0  no changes
  2  error, or a plan the zone would refuse
  3  changes pending

With --out FILE the plan is also saved, for `mtlsctl cf apply FILE` (like `terraform plan
-out`): that applies exactly these changes, and nothing at all if the zone changed since.

EXAMPLES:
  mtlsctl cf plan
  mtlsctl cf plan --rules deploy/mtlsctl.yaml --json | jq .rules.entries
  mtlsctl cf plan --out zone.plan && mtlsctl cf apply zone.plan";

const CF_APPLY_AFTER: &str = "\
Computes the plan as `cf plan` does, prints it, asks for confirmation on a terminal (or
takes --yes; without a terminal and without --yes it refuses), then writes: the CA upload,
one PUT of the hostname list, one PUT of the custom-rules entrypoint. The zone is read again
before the first write and the entrypoint version right before its PUT: a change made by
someone else in between stops the run with nothing (further) written.

With PLANFILE (saved by `cf plan --out`), the saved plan is applied as it was shown, like
`terraform apply PLANFILE`: mtlsctl.yaml is not read and nothing is asked. If the zone
changed since the plan was made (its Cloudflare plan, the account's uploaded CAs, the CA's
hostnames, the entrypoint version), nothing is written and the run fails (exit 2).

EXIT CODES:
  0  applied (or nothing to change)
  2  error, refused, or the zone changed meanwhile (or since the saved plan)

EXAMPLES:
  mtlsctl cf apply
  mtlsctl cf apply --yes --rules deploy/mtlsctl.yaml
  mtlsctl cf plan --out zone.plan    # review it, then:
  mtlsctl cf apply zone.plan";

// Zone selection shared by the `cf` commands.
#[derive(Debug, Args, Clone)]
pub struct CfZoneArgs {
    /// The zone: a name (example.com) or a 32-hex id (default: mtlsctl.yaml, else CLOUDFLARE_ZONE_ID).
    #[arg(long, value_name = "NAME|ID")]
    pub zone: Option<String>,
}

/// `mtlsctl cf ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CfCommand {
    /// Show the zone's mTLS set-up: uploaded CAs, hostnames, mTLS rules (linted), managed client certificates.
    #[command(
        after_long_help = "EXIT CODES:\n  0  shown\n  2  error (a section that could not be read is named)\n\nEXAMPLES:\n  mtlsctl cf status --zone example.com\n  mtlsctl cf status --json | jq '.rules[].findings'"
    )]
    Status(CfStatusArgs),
    /// Show what `cf apply` would change (exit 0 none, 3 pending, 2 error).
    #[command(after_long_help = CF_PLAN_AFTER)]
    Plan(CfPlanArgs),
    /// Make the zone match the `cloudflare:` section of mtlsctl.yaml, or apply a plan saved by `cf plan --out`.
    #[command(after_long_help = CF_APPLY_AFTER)]
    Apply(CfApplyArgs),
    /// Uploaded CAs (BYO CA, account mTLS certificates).
    #[command(subcommand)]
    Ca(CfCaCommand),
    /// Hostnames on which mTLS is on, per CA.
    #[command(subcommand)]
    Hostnames(CfHostnamesCommand),
    /// The zone's custom rules and mtlsctl.yaml.
    #[command(subcommand)]
    Rules(CfRulesCommand),
    /// Client certificates from Cloudflare's managed CA.
    #[command(subcommand, name = "client-cert")]
    ClientCert(CfClientCertCommand),
}

// `cf status`.
#[derive(Debug, Args)]
pub struct CfStatusArgs {
    /// Zone.
    #[command(flatten)]
    pub zone: CfZoneArgs,
    /// A rules file whose `cloudflare:` section names the zone (default: ./mtlsctl.yaml if present).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

// `cf plan`.
#[derive(Debug, Args)]
pub struct CfPlanArgs {
    /// Zone (overrides the file's).
    #[command(flatten)]
    pub zone: CfZoneArgs,
    /// The rules file with the `cloudflare:` section.
    #[arg(long, value_name = "FILE", default_value = "mtlsctl.yaml")]
    pub rules: PathBuf,
    /// Also save the plan to FILE, for `mtlsctl cf apply FILE` (not written when the zone
    /// would refuse the plan).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

// `cf apply`.
#[derive(Debug, Args)]
pub struct CfApplyArgs {
    /// A plan saved by `cf plan --out`: applied exactly, without asking, and refused if the
    /// zone changed since it was made (the zone and what to change come from it).
    #[arg(value_name = "PLANFILE")]
    pub plan: Option<PathBuf>,
    /// Zone (overrides the file's).
    #[command(flatten)]
    pub zone: CfZoneArgs,
    /// The rules file with the `cloudflare:` section [default: mtlsctl.yaml].
    #[arg(long, value_name = "FILE", conflicts_with = "plan")]
    pub rules: Option<PathBuf>,
    /// Apply without asking (needed when stdin is not a terminal; a PLANFILE is applied
    /// without asking).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

// `cf rules push`.
#[derive(Debug, Args)]
pub struct CfPushArgs {
    /// Zone (overrides the file's).
    #[command(flatten)]
    pub zone: CfZoneArgs,
    /// The rules file with the `cloudflare:` section.
    #[arg(long, value_name = "FILE", default_value = "mtlsctl.yaml")]
    pub rules: PathBuf,
    /// Apply without asking (needed when stdin is not a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `cf ca ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CfCaCommand {
    /// Upload a CA certificate (refused if the same certificate is already uploaded).
    #[command(
        after_long_help = "The file must hold CA certificates only (CA:TRUE): a private key, a CSR or a leaf\ncertificate is refused before anything is sent. Needs the Enterprise plan; at most 5 CAs per\naccount.\n\nEXAMPLES:\n  mtlsctl cf ca upload                      # the store CA\n  mtlsctl cf ca upload inter.crt --name acme-devices"
    )]
    Upload(CfCaUploadArgs),
    /// List the account's uploaded certificates with their SKI.
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl cf ca list\n  mtlsctl cf ca list --json | jq -r '.[] | select(.store_ca) | .id'"
    )]
    List(CfCaListArgs),
    /// Delete an uploaded CA (refused while any hostname of any zone of the account, or another Cloudflare service, uses it).
    #[command(
        after_long_help = "An uploaded CA belongs to the account, so every zone of the account the credentials can\nsee is checked for hostnames on it (and the account's associations endpoint for other\nservices, such as Gateway); while anything uses it, the delete is refused, naming each zone\nwith its hostnames, and nothing is deleted.\n\nEXAMPLES:\n  mtlsctl cf ca delete 99f5fef1-6cc1-46b8-bd79-44a0d5082b8d --zone example.com"
    )]
    Delete(CfCaDeleteArgs),
}

// `cf ca upload`.
#[derive(Debug, Args)]
pub struct CfCaUploadArgs {
    /// The CA certificate (default: the store CA).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The name to give it.
    #[arg(long, value_name = "NAME", default_value = "mtlsctl")]
    pub name: String,
    /// Zone (for the account id when CLOUDFLARE_ACCOUNT_ID is not set).
    #[command(flatten)]
    pub zone: CfZoneArgs,
}

// `cf ca list`.
#[derive(Debug, Args)]
pub struct CfCaListArgs {
    /// Zone (for the account id when CLOUDFLARE_ACCOUNT_ID is not set).
    #[command(flatten)]
    pub zone: CfZoneArgs,
}

// `cf ca delete`.
#[derive(Debug, Args)]
pub struct CfCaDeleteArgs {
    /// The uploaded certificate's id.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Zone (for the account id when CLOUDFLARE_ACCOUNT_ID is not set; every zone of the
    /// account is checked).
    #[command(flatten)]
    pub zone: CfZoneArgs,
}

/// `cf hostnames ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CfHostnamesCommand {
    /// List the hostnames on a CA.
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl cf hostnames list --zone example.com\n  mtlsctl cf hostnames list --ca 99f5fef1-6cc1-46b8-bd79-44a0d5082b8d"
    )]
    List(CfHostnamesArgs),
    /// Turn mTLS on for hostnames (read, add, write back: nothing else is dropped).
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl cf hostnames add api.example.com --ca 99f5fef1-6cc1-46b8-bd79-44a0d5082b8d"
    )]
    Add(CfHostnamesChangeArgs),
    /// Turn mTLS off for hostnames (read, remove, write back).
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl cf hostnames remove old.example.com --ca managed"
    )]
    Remove(CfHostnamesChangeArgs),
}

// `cf hostnames list`.
#[derive(Debug, Args)]
pub struct CfHostnamesArgs {
    /// The CA: an uploaded certificate's id, `managed`, or `store` (the default: the store CA as uploaded).
    #[arg(long, value_name = "ID|managed|store", default_value = "store")]
    pub ca: String,
    /// Zone.
    #[command(flatten)]
    pub zone: CfZoneArgs,
}

// `cf hostnames add|remove`.
#[derive(Debug, Args)]
pub struct CfHostnamesChangeArgs {
    /// Hostnames.
    #[arg(value_name = "HOSTNAME", required = true)]
    pub hostnames: Vec<String>,
    /// The CA: an uploaded certificate's id, `managed`, or `store` (the default: the store CA as uploaded).
    #[arg(long, value_name = "ID|managed|store", default_value = "store")]
    pub ca: String,
    /// Zone.
    #[command(flatten)]
    pub zone: CfZoneArgs,
}

/// `cf rules ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CfRulesCommand {
    /// Write the zone's custom rules into a rules file, so `rule test` and `rule lint` run on what is deployed.
    #[command(
        after_long_help = "Rules are written as expressions with their ref, description, action, action_parameters\n(a custom block response; `{}` for none), enabled flag and logging; fields mtlsctl does not\nmodel stay in the zone, and `cf rules push` / `cf apply` keep them, so pushing a pulled file\nchanges nothing. The file's `cloudflare:` section is kept. An existing file is replaced only\nwith --force.\n\nEXAMPLES:\n  mtlsctl cf rules pull --zone example.com --out deployed.yaml\n  mtlsctl rule lint --rules deployed.yaml"
    )]
    Pull(CfRulesPullArgs),
    /// Deploy the file's rules by ref (rules mtlsctl does not own stay untouched and in place).
    #[command(
        after_long_help = "An update of a deployed rule sets what the file states (expression, action,\naction_parameters, description, enabled, and logging when given) and keeps every other\nfield of the rule as it is in the zone; the plan lists each change and each field kept.\n\nEXAMPLES:\n  mtlsctl cf rules pull --force && mtlsctl cf rules push --yes   # no change\n  mtlsctl cf rules push --yes"
    )]
    Push(CfPushArgs),
}

// `cf rules pull`.
#[derive(Debug, Args)]
pub struct CfRulesPullArgs {
    /// Zone.
    #[command(flatten)]
    pub zone: CfZoneArgs,
    /// The file to write.
    #[arg(long, value_name = "FILE", default_value = "mtlsctl.yaml")]
    pub out: PathBuf,
    /// Only the rules that read cf.tls_client_auth.* fields.
    #[arg(long)]
    pub mtls_only: bool,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

/// `cf client-cert ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CfClientCertCommand {
    /// Have Cloudflare's managed CA sign a CSR (mtlsctl cert csr makes one).
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl cert csr --cn device-42 --out device-42.csr --key-out device-42.key\n  mtlsctl cf client-cert create --csr device-42.csr --days 365 --out device-42.crt"
    )]
    Create(CfClientCertCreateArgs),
    /// List the zone's managed client certificates.
    #[command(after_long_help = "EXAMPLES:\n  mtlsctl cf client-cert list --zone example.com")]
    List(CfZoneOnlyArgs),
    /// Revoke a managed client certificate.
    #[command(
        after_long_help = "EXAMPLES:\n  mtlsctl cf client-cert revoke 0123456789abcdef0123456789abcdef"
    )]
    Revoke(CfClientCertRevokeArgs),
}

// Only a zone.
#[derive(Debug, Args)]
pub struct CfZoneOnlyArgs {
    /// Zone.
    #[command(flatten)]
    pub zone: CfZoneArgs,
}

// `cf client-cert create`.
#[derive(Debug, Args)]
pub struct CfClientCertCreateArgs {
    /// The CSR (PEM).
    #[arg(long, value_name = "FILE")]
    pub csr: PathBuf,
    /// Validity in days.
    #[arg(long, value_name = "N", default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// Write the certificate here (default: stdout).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
    /// Zone.
    #[command(flatten)]
    pub zone: CfZoneArgs,
}

// `cf client-cert revoke`.
#[derive(Debug, Args)]
pub struct CfClientCertRevokeArgs {
    /// The certificate's id.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Zone.
    #[command(flatten)]
    pub zone: CfZoneArgs,
}

const SERVE_AFTER: &str = "\
A TLS-terminating reverse proxy that behaves like Cloudflare's edge with mTLS enabled. On the
--hostname names (default: localhost) a client certificate is requested, never required: a
missing, expired or wrongly issued certificate only sets the cf.tls_client_auth.* fields, as
on the edge; other names (and clients without SNI) are not asked for one. Each connection's
certificate is validated once, as `rule test` does (--ca, default the store CA; --crl; the
store's revocations). Every request runs the rules from --expr, else --rules FILE, else
./mtlsctl.yaml, else the recommended rule for the store CA, in order, with the same engine as
`rule test`. Blocked and challenged requests get a 403 page naming the rule and why (JSON for
`Accept: application/json`). A request whose Host names a hostname with another mTLS setting
than the one the connection was opened for (its SNI) gets 421 Misdirected Request, as on the
edge. Allowed requests go to --upstream with the headers chosen by
--headers (managed: the cf-cert-* managed transform; rfc9440: Client-Cert and
Client-Cert-Chain for a verified, unrevoked certificate; access: Cf-Client-Cert-Der-Base64
and Cf-Client-Cert-Sha256; client-sent copies of all of them are always removed); without
--upstream the answer is a JSON echo of the request, the verdict and every field value.

An https:// --upstream is reached as the edge reaches an origin: TLS (ALPN http/1.1) to the
upstream address with the request's hostname as SNI, and in SSL mode Full (strict) by default:
the origin certificate must chain to a system CA or an --upstream-ca and be valid for that
hostname. --upstream-insecure is mode Full (encrypted, not verified). --origin-client-cert and
--origin-client-key present a client certificate to the origin (Authenticated Origin Pulls).
Origin failures get Cloudflare's codes: 521 refused, 522 no answer to the connect within 15 s,
523 unreachable, 525 failed TLS handshake, 526 invalid origin certificate, 520 a connection
that gave no valid answer. The upstream host (http:// or https://) must resolve when serve
starts.

The server certificate is issued at start from the store CA (for the --hostname and
--plain-hostname names, localhost, 127.0.0.1 and ::1; 30 days; kept in memory only) unless
--server-cert/--server-key are given. The first stdout line is `listening on ADDRESS`; a
curl command that works is printed on stderr.

--log FILE.jsonl appends one line per request in the input format of `rule test --requests`
(path, host, method, headers, ip, port, cert and chain as PEM, fields) plus the verdict and
rule, so recorded traffic replays against changed rules; `rule test --requests` prints the
recorded verdict next to the new one. The file is created 0600: it holds request headers.

Rules reload on SIGHUP (with the CAs, CRLs and store revocations) and when the rules file
changes; a broken file keeps the previous rules and logs the error. SIGINT/SIGTERM stop
accepting, let requests in flight finish (--shutdown-timeout) and exit 0.

EXIT CODES:
  0  stopped by SIGINT or SIGTERM
  2  usage or input error (bad flags, rules, certificates; the address is in use)

EXAMPLES:
  mtlsctl serve
  mtlsctl serve --hostname app.example.test --upstream http://127.0.0.1:3000 --headers managed,rfc9440
  mtlsctl serve --hostname app.example.test --upstream https://127.0.0.1:8444 \\
      --upstream-ca origin-ca.crt --origin-client-cert pull.crt --origin-client-key pull.key
  mtlsctl serve --rules mtlsctl.yaml --log traffic.jsonl
  mtlsctl rule test --requests traffic.jsonl --rules changed.yaml
  curl --cacert ~/.local/share/mtlsctl/ca.crt --cert client.crt --key client.key https://localhost:8443/admin";

// `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback unless you say otherwise; port 0 picks a free one).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8443")]
    pub listen: std::net::SocketAddr,
    /// A hostname with mTLS enabled: a client certificate is requested (repeatable; default
    /// localhost; a name, not an IP address: clients send no SNI for one).
    #[arg(long = "hostname", value_name = "NAME")]
    pub hostnames: Vec<String>,
    /// A hostname served without mTLS (added to the server certificate; repeatable).
    #[arg(long = "plain-hostname", value_name = "NAME")]
    pub plain_hostnames: Vec<String>,
    /// The origin for allowed requests, http://host:port or https://host:port (default: a JSON echo).
    #[arg(long, value_name = "URL")]
    pub upstream: Option<String>,
    /// Also trust this CA for an https:// origin's certificate (PEM; repeatable; the system's CAs are always trusted).
    #[arg(long = "upstream-ca", value_name = "FILE")]
    pub upstream_cas: Vec<PathBuf>,
    /// SSL mode Full instead of Full (strict): encrypt to the https:// origin without verifying its certificate.
    #[arg(long)]
    pub upstream_insecure: bool,
    /// Authenticated Origin Pulls: present this client certificate to the https:// origin (PEM, leaf first).
    #[arg(long, value_name = "FILE")]
    pub origin_client_cert: Option<PathBuf>,
    /// The key of --origin-client-cert.
    #[arg(long, value_name = "FILE")]
    pub origin_client_key: Option<PathBuf>,
    /// Headers added for the origin: managed, rfc9440, access, none (repeatable or comma-separated).
    #[arg(
        long = "headers",
        value_name = "MODE",
        value_delimiter = ',',
        default_value = "managed"
    )]
    pub headers: Vec<String>,
    /// One expression to run (action block).
    #[arg(long, value_name = "EXPR", conflicts_with = "rules")]
    pub expr: Option<String>,
    /// A rules file (mtlsctl.yaml format); reloaded when it changes.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Trust anchors: the CAs uploaded to Cloudflare (repeatable; default: the store CA).
    #[arg(long = "ca", value_name = "FILE")]
    pub cas: Vec<PathBuf>,
    /// CRLs, PEM or DER (repeatable; the store's revocations are always used).
    #[arg(long = "crl", value_name = "FILE")]
    pub crls: Vec<PathBuf>,
    /// The clients' certificates come from Cloudflare's managed CA, where the edge checks
    /// revocation: the store's records and --crl then set cf.tls_client_auth.cert_revoked.
    /// Without it (an uploaded CA, e.g. the store CA) cert_revoked is always false, as on the
    /// edge; block revoked certificates with `rule generate --block-revoked`.
    #[arg(long)]
    pub managed_ca: bool,
    /// URL normalization applied to http.request.uri.path: rfc3986, cloudflare or off.
    #[arg(long, value_name = "MODE", default_value = "rfc3986")]
    pub normalize: String,
    /// The server certificate (PEM, leaf first) instead of one issued from the store CA.
    #[arg(long, value_name = "FILE", requires = "server_key")]
    pub server_cert: Option<PathBuf>,
    /// The server certificate's key.
    #[arg(long, value_name = "FILE", requires = "server_cert")]
    pub server_key: Option<PathBuf>,
    /// Append one `rule test --requests` line per request to this file.
    #[arg(long, value_name = "FILE.jsonl")]
    pub log: Option<PathBuf>,
    /// Open connections at most; further ones are closed at once.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_connections: usize,
    /// Time allowed for the TLS handshake.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub handshake_timeout: time::Duration,
    /// Time allowed for a request head; also how long a connection may wait between requests (HTTP/1 and HTTP/2).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub header_timeout: time::Duration,
    /// A connection without a request in flight for this long is closed.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    pub idle_timeout: time::Duration,
    /// Largest request head in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 65536)]
    pub max_header_bytes: usize,
    /// How long SIGINT/SIGTERM wait for requests in flight.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub shutdown_timeout: time::Duration,
    /// Key password file for an encrypted key (the store CA's, --server-key, --origin-client-key).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}
