using System.Management.Automation;
using StackKit.PowerShell.Output;
using StackKit.HttpService;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Validation;
using StackKit.SshKeys;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the SSH keys in a stack's key store: the keys every server of the stack accepts.</para>
/// <para type="description">Reads the stack's key table (its KeyTable output) with your AWS credentials and writes one
/// object per key, oldest first: Fingerprint, Type, Comment, AddedAt and AddedBy (an IAM identity, or http: and the
/// client's address for keys POSTed to a server), with StackName, Region and EndpointUrl (so that piping the keys acts
/// where they are), the KeyLine and IsValid: false for an item the servers
/// ignore (written by other means, its line fails the shared validation or has another fingerprint), shown so that it
/// can be found and removed. Text from the table never reaches the terminal with control characters. Pipe the objects
/// to Remove-HttpServiceSshKey to revoke keys. On a stack with key approval, State says whether a key is Approved,
/// Pending (-Pending lists only these; ExpiresAt is then the deadline for a decision) or Unapproved. With -History it
/// writes the stack's recent key changes instead, newest first, from its audit trail: every key added, pending,
/// approved, denied, removed or expired, whoever wrote the table and however, with who made the change (-Since: from
/// when; default 30 days ago).</para>
/// </summary>
/// <example>
/// <code>Get-HttpServiceSshKey -StackName web</code>
/// <para>Lists the keys of the stack.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceSshKey web | Where-Object AddedBy -like 'http:*'</code>
/// <para>Shows the keys that were POSTed to a server rather than added with IAM credentials.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceSshKey web -History -Since (Get-Date).AddDays(-1)</code>
/// <para>Shows who added, approved, denied or removed which keys in the last day, and which keys expired.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "HttpServiceSshKey", HelpUri = HelpLinks.Base + "get-httpservicesshkey", DefaultParameterSetName = KeysSet)]
[OutputType(typeof(SshKeyInfo), ParameterSetName = [KeysSet])]
[OutputType(typeof(SshKeyChangeInfo), ParameterSetName = [HistorySet])]
public sealed class GetHttpServiceSshKeyCommand : StackKitCmdlet
{
    private const string KeysSet = "Keys";
    private const string HistorySet = "History";

    /// <summary>The stacks whose keys to get; accepts the objects Get-HttpServiceStack writes, and reads in their region.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string[] StackName { get; set; } = [];

    /// <summary>Only the keys waiting for approval (stacks with -KeyApproval), to pipe to Approve- or Deny-HttpServiceSshKey.</summary>
    [Parameter(ParameterSetName = KeysSet)]
    public SwitchParameter Pending { get; set; }

    /// <summary>The stack's recent key changes from its audit trail, newest first, instead of its keys.</summary>
    [Parameter(Mandatory = true, ParameterSetName = HistorySet)]
    public SwitchParameter History { get; set; }

    /// <summary>
    /// With -History, the oldest changes to show: a TimeSpan before now (12:00:00, or 30m, 2h, 1d, 1w), or a DateTime
    /// (local unless it says otherwise). Default: 30 days ago.
    /// </summary>
    [Parameter(ParameterSetName = HistorySet)]
    [ValidateNotNull]
    public object? Since { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var since = StartOfSince(Since);
        foreach (var name in StackName)
        {
            if (!PipedStackFitsRegion())
            {
                continue;
            }
            try
            {
                var service = Stacks;
                if (History)
                {
                    var region = Connection.Region.SystemName;
                    foreach (var change in Await(token => service.ReadSshKeyHistoryAsync(name, since, token)))
                    {
                        WriteObject(SshKeyChangeInfo.From(change, region));
                    }
                    continue;
                }
                foreach (var key in Await(token => service.ListSshKeysAsync(name, token)).Where(key => !Pending || key.State == SshKeyState.Pending))
                {
                    WriteObject(Output(key));
                }
            }
            catch (Exception error) when (ErrorRecordFor(error, name) is not null)
            {
                WriteStackError(error, name);
            }
        }
    }
}
