using System.Management.Automation;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Output;
using StackKit.PowerShell.Validation;

namespace StackKit.PowerShell;

/// <summary>
/// A cmdlet that changes keys of a stack's key store one fingerprint at a time (remove, approve, deny): the stack and
/// fingerprints typed or piped from Get-HttpServiceSshKey, confirmation unless -Force, and one error per key that fails.
/// </summary>
public abstract class SshKeyFingerprintCmdlet : StackKitCmdlet
{
    /// <summary>The stack whose store holds the keys; accepts the objects Get-HttpServiceSshKey and Get-HttpServiceStack write, and acts in their region.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string StackName { get; set; } = string.Empty;

    /// <summary>The keys' fingerprints, SHA256:... as Get-HttpServiceSshKey or ssh-keygen -l prints them.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Fingerprint { get; set; } = [];

    /// <summary>A key from the pipeline (Get-HttpServiceSshKey's objects), to check its region against a typed -Region.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public SshKeyInfo? PipedKey { get; set; }

    /// <summary>Acts without asking for confirmation (-WhatIf still only describes).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    private protected override (string StackName, string Region, object Item)? PipedOrigin =>
        PipedKey is { } key ? (key.StackName, key.Region, key) : base.PipedOrigin;

    /// <summary>What confirming does to one key, as the prompt and -WhatIf say it.</summary>
    private protected abstract string Action { get; }

    /// <summary>Changes the key with <paramref name="fingerprint"/>, and writes what came of it.</summary>
    private protected abstract void Change(HttpServiceStacks service, string fingerprint);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var fingerprint in Fingerprint)
        {
            if (!ShouldProcessUnlessForced(Force, $"{fingerprint} on stack {StackName}", Action))
            {
                continue;
            }
            try
            {
                Change(Stacks, fingerprint);
            }
            catch (Exception error) when (ErrorRecordFor(error, fingerprint) is not null)
            {
                WriteStackError(error, fingerprint);
            }
        }
    }
}
