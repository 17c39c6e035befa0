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
/// it. Adding a key that is already there changes nothing and says so. Keys come from -PublicKey (or the pipeline, one
/// line each) or from .pub files (-Path, -LiteralPath, or files piped from Get-ChildItem); blank lines and # comments in
/// files are skipped.</para>
/// </summary>
/// <example>
/// <code>Add-HttpServiceSshKey -StackName web -Path ~/.ssh/id_ed25519.pub</code>
/// <para>Lets the key in on every server of the stack within seconds.</para>
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

    /// <summary>Writes each key as the store holds it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

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
        var lines = ParameterSetName switch
        {
            PathSet => FileLines(Path.SelectMany(path => SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _))),
            LiteralPathSet => FileLines(LiteralPath.Select(path => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path))),
            _ => PublicKeyLines(),
        };
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
            if (!ShouldProcess($"{key.Fingerprint} ({key.Comment ?? key.Type}) on stack {StackName}", "Add the SSH key: every server of the stack will accept it"))
            {
                continue;
            }
            try
            {
                var service = Stacks;
                var result = Await(token => service.AddSshKeyAsync(StackName, key.Line, token));
                if (result.Outcome == SshKeyAddOutcome.AlreadyPresent)
                {
                    var since = result.Key.AddedAt is { } at ? $" since {at.ToLocalTime():yyyy-MM-dd HH:mm}" : string.Empty;
                    var by = result.Key.AddedBy is { } who ? $" (added by {who})" : string.Empty;
                    WriteInformation(new HostInformationMessage { Message = $"Key {key.Fingerprint} is already in the store of stack '{StackName}'{since}{by}: nothing to change." }, ["PSHOST"]);
                }
                else
                {
                    WriteVerbose($"Added key {key.Fingerprint} to stack '{StackName}'; every server accepts it at its next sync.");
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

    private void WritePrivateKeyError(string source) =>
        WriteError(new ErrorRecord(new ArgumentException($"The key from {source} is refused: {PrivateKeyText.Refusal}"),
            "PrivateKeyGiven", ErrorCategory.InvalidArgument, source));
}
