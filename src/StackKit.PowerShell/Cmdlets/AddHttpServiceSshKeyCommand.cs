using System.Management.Automation;
using StackKit.PowerShell.Output;
using StackKit.HttpService;
using StackKit.Keys;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Validation;
using StackKit.SshKeys;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Adds SSH public keys to a stack's key store: every server of the stack, now and later, accepts them.</para>
/// <para type="description">Writes each key to the stack's key table (its KeyTable output) with your own AWS
/// credentials: no service password is needed, and IAM decides who may add keys. Your IAM identity is recorded as
/// AddedBy. Every running server picks the key up at its next sync (10 seconds by default), and servers started later
/// by scaling have it from their first sync. Each key is checked first with the same rules the server applies (current
/// key types, no options, canonical encoding, a visible comment); a refused key is reported and nothing is written for
/// it. Adding a key that is already there for at least as long changes nothing and says so. Keys come from -PublicKey (or the pipeline, one
/// line each) or from .pub files (-Path, -LiteralPath, or files piped from Get-ChildItem); blank lines and # comments in
/// files are skipped.</para>
/// <para type="description">Every key expires: after -ValidFor (such as 8h) or at -ExpiresAt, or, with neither, after the
/// stack's default lifetime (its SshKeyLifetimeHours option, 12 hours unless set). Each server's authorized_keys line
/// carries the expiry (expiry-time), so sshd itself refuses the key after its time even if the servers never sync again,
/// and the servers take it away at their next sync. A key that never expires is asked for with
/// -ValidFor ([timespan]::MaxValue). Adding a key that is already there extends it when the new time is later, and never
/// shortens it (remove it first for that).</para>
/// </summary>
/// <example>
/// <code>Add-HttpServiceSshKey -StackName web -Path ~/.ssh/id_ed25519.pub</code>
/// <para>Lets the key in on every server of the stack within seconds.</para>
/// </example>
/// <example>
/// <code>Add-HttpServiceSshKey web -Path ~/.ssh/id_ed25519.pub -ValidFor 8h</code>
/// <para>Lets the key in for the next eight hours; sshd refuses it after that.</para>
/// </example>
/// <example>
/// <code>Add-HttpServiceSshKey web -Path ./oncall.pub -ExpiresAt (Get-Date).Date.AddDays(7)</code>
/// <para>Lets the on-call key in until midnight (local time) a week from today.</para>
/// </example>
/// <example>
/// <code>Get-ChildItem ./team/*.pub | Add-HttpServiceSshKey -StackName web -PassThru</code>
/// <para>Adds every key file in the folder and writes each stored key.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceStack web -Region eu-west-1 | Add-HttpServiceSshKey -Path ~/.ssh/id_ed25519.pub</code>
/// <para>Adds the key to the stack named web in eu-west-1, where the piped stack lives.</para>
/// </example>
/// <example>
/// <code>Add-HttpServiceSshKey web 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop'</code>
/// <para>Adds one key given as its line.</para>
/// </example>
[Cmdlet(VerbsCommon.Add, "HttpServiceSshKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PublicKeySet, HelpUri = HelpLinks.Base + "add-httpservicesshkey")]
[OutputType(typeof(SshKeyInfo))]
public sealed class AddHttpServiceSshKeyCommand : StackKitCmdlet
{
    // Where the keys come from. How long they last (-ValidFor, -ExpiresAt, or neither) is no parameter set of its own:
    // three more sets per input made the binder unable to choose one for a piped stack with -Path.
    private const string PublicKeySet = "PublicKey";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private bool _insidePrivateKey;

    // Lines piped from Get-Content carry the file's PSPath and bind -LiteralPath, one record a line: one error a file.
    private readonly HashSet<string> _privateKeyFiles = new(StringComparer.Ordinal);

    /// <summary>The stack whose servers should accept the keys; accepts the objects Get-HttpServiceStack writes, and acts in their region.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string StackName { get; set; } = string.Empty;

    /// <summary>
    /// Public key lines as in a .pub file: type, base64 key data and an optional comment; no options. Give keys here,
    /// with -Path or -LiteralPath, or pipe them (lines, or files from Get-ChildItem).
    /// </summary>
    /// <remarks>
    /// Not mandatory to PowerShell: a mandatory pipeline parameter here beside the piped stack's -Region makes the binder
    /// settle on this set before it sees the input, and files piped from Get-ChildItem then miss -LiteralPath. A call
    /// without any key is refused when it runs. Empty lines are not refused at binding either: a private key's blank
    /// line (PEM's, after DEK-Info) would make its refusal a binding error instead of the one that says what it is.
    /// </remarks>
    [Parameter(Position = 1, ValueFromPipeline = true, ParameterSetName = PublicKeySet)]
    [KeyLineText]
    public string[] PublicKey { get; set; } = [];

    /// <summary>Public key files (wildcards allowed), one key a line.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Public key files, taken as written (no wildcards); accepts the files Get-ChildItem writes.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>
    /// How long from now the keys let their holders in, such as 8h, 30m, 1h30m or '2d' (quoted: PowerShell reads 2d and
    /// 30s as numbers; at least a minute);
    /// [timespan]::MaxValue for keys that never expire. Without it or -ExpiresAt, the stack's default lifetime applies.
    /// </summary>
    [Parameter]
    [KeyLifetime]
    public TimeSpan ValidFor { get; set; }

    /// <summary>When the keys stop letting their holders in (local time unless the value says otherwise; at least a minute from now).</summary>
    [Parameter]
    public DateTime ExpiresAt { get; set; }

    /// <summary>Writes each key as the store holds it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private bool HasValidFor => MyInvocation.BoundParameters.ContainsKey(nameof(ValidFor));

    private bool HasExpiresAt => MyInvocation.BoundParameters.ContainsKey(nameof(ExpiresAt));

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (HasValidFor && HasExpiresAt)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("Give -ValidFor or -ExpiresAt, not both: -ValidFor counts from now (8h), -ExpiresAt names the time. Nothing was added."),
                "ValidForWithExpiresAt", ErrorCategory.InvalidArgument, null));
        }
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == PublicKeySet && PublicKey is not { Length: > 0 })
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"No key to add to stack '{StackName}': give -PublicKey, -Path or -LiteralPath, or pipe key lines or .pub files."),
                "NoSshPublicKey", ErrorCategory.InvalidArgument, StackName));
        }
        if (!PipedStackFitsRegion())
        {
            return;
        }
        var lines = ParameterSetName == PathSet
            ? FileLines(Path.SelectMany(path => SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _)))
            : ParameterSetName == LiteralPathSet
                ? FileLines(LiteralPath.Select(path => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)))
                : PublicKeyLines();
        foreach (var (line, source) in lines)
        {
            OpenSshPublicKey key;
            try
            {
                key = OpenSshPublicKey.Parse(line);
            }
            catch (FormatException invalid)
            {
                // Checked here too, so that -WhatIf names the key and a refused key never reaches AWS. The record's
                // target is where the text came from, never the text: it may be a private key's line.
                WriteError(new ErrorRecord(new ArgumentException($"The public key from {source} is refused: {invalid.Message}", invalid),
                    "InvalidSshPublicKey", ErrorCategory.InvalidArgument, source));
                continue;
            }
            if (!ShouldProcess($"{key.Fingerprint} ({key.Comment ?? key.Type}) on stack {StackName}", $"Add the SSH key: every server of the stack will accept it {LifetimeText}"))
            {
                continue;
            }
            try
            {
                var service = Stacks;
                var request = new SshKeyAddRequest
                {
                    StackName = StackName,
                    PublicKey = key.Line,
                    ValidFor = HasValidFor ? ValidFor : null,
                    ExpiresAt = HasExpiresAt ? new DateTimeOffset(ExpiresAt) : null,
                };
                var result = Await(token => service.AddSshKeyAsync(request, token));
                var until = result.Key.ExpiresAt is { } end ? $"until {end.ToLocalTime():yyyy-MM-dd HH:mm}" : "with no expiry";
                if (result.Outcome == SshKeyAddOutcome.AlreadyPresent)
                {
                    var since = result.Key.AddedAt is { } at ? $" since {at.ToLocalTime():yyyy-MM-dd HH:mm}" : string.Empty;
                    var by = result.Key.AddedBy is { } who ? $" (added by {who})" : string.Empty;
                    WriteInformation(new HostInformationMessage { Message = $"Key {key.Fingerprint} is already in the store of stack '{StackName}'{since}{by}, {until}: nothing to change (an add never shortens a key's life; remove it first for that)." }, ["PSHOST"]);
                }
                else if (result.Outcome == SshKeyAddOutcome.Pending)
                {
                    WriteWarning($"Key {key.Fingerprint} is pending approval on stack '{StackName}': you may not approve keys there (no dynamodb:UpdateItem on its key table), so it reaches no server until someone who may runs Approve-HttpServiceSshKey, and it is dropped if nobody decides within 24 hours.");
                }
                else
                {
                    WriteVerbose($"{(result.Outcome == SshKeyAddOutcome.Extended ? "Extended" : "Added")} key {key.Fingerprint} on stack '{StackName}' {until}; every server accepts it at its next sync.");
                }
                if (PassThru)
                {
                    WriteObject(Output(result.Key));
                }
            }
            catch (Exception error) when (ErrorRecordFor(error, StackName) is not null)
            {
                WriteStackError(error, StackName);
            }
        }
    }

    /// <summary>
    /// The key lines of the files; a file that holds a private key gives one error and no line (nothing of it is
    /// quoted or sent).
    /// </summary>
    private IEnumerable<(string Line, string Source)> FileLines(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (PrivateKeyText.Contains(text))
            {
                if (_privateKeyFiles.Add(file))
                {
                    WritePrivateKeyError(file);
                }
                continue;
            }
            foreach (var line in text.Split('\n').Select(line => line.TrimEnd('\r'))
                .Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("#", StringComparison.Ordinal)))
            {
                yield return (line, file);
            }
        }
    }

    /// <summary>
    /// The -PublicKey values of this record. A private key piped line by line (Get-Content id_ed25519 | ...) gives one
    /// error at its first line, and the lines up to its last are dropped unread, across records.
    /// </summary>
    private IEnumerable<(string Line, string Source)> PublicKeyLines()
    {
        const string publicKeySource = "-PublicKey";
        foreach (var value in PublicKey.Select(value => value ?? string.Empty))
        {
            if (_insidePrivateKey)
            {
                _insidePrivateKey = !PrivateKeyText.IsLastLine(value);
                continue;
            }
            if (PrivateKeyText.Contains(value))
            {
                WritePrivateKeyError(publicKeySource);
                _insidePrivateKey = !value.Split('\n').Any(PrivateKeyText.IsLastLine);
                continue;
            }
            yield return (value.TrimEnd('\n').TrimEnd('\r'), publicKeySource);
        }
    }

    /// <summary>How long the keys last, as -WhatIf says it.</summary>
    private string LifetimeText =>
        HasValidFor
            ? ValidFor == SshKeyAddRequest.NeverExpires ? "with no expiry" : $"for {ValidFor}"
            : HasExpiresAt
                ? $"until {ExpiresAt:yyyy-MM-dd HH:mm}"
                : "for the stack's default lifetime";

    private void WritePrivateKeyError(string source) =>
        WriteError(new ErrorRecord(new ArgumentException($"The key from {source} is refused: {PrivateKeyText.Refusal}"),
            "PrivateKeyGiven", ErrorCategory.InvalidArgument, source));
}
