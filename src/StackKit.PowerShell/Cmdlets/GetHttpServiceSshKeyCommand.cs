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
/// Pending (-Pending lists only these; ExpiresAt is then the deadline for a decision) or Unapproved.</para>
/// </summary>
/// <example>
/// <code>Get-HttpServiceSshKey -StackName web</code>
/// <para>Lists the keys of the stack.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceSshKey web | Where-Object AddedBy -like 'http:*'</code>
/// <para>Shows the keys that were POSTed to a server rather than added with IAM credentials.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "HttpServiceSshKey", HelpUri = HelpLinks.Base + "get-httpservicesshkey")]
[OutputType(typeof(SshKeyInfo))]
public sealed class GetHttpServiceSshKeyCommand : StackKitCmdlet
{
    /// <summary>The stacks whose keys to get; accepts the objects Get-HttpServiceStack writes, and reads in their region.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string[] StackName { get; set; } = [];

    /// <summary>Only the keys waiting for approval (stacks with -KeyApproval), to pipe to Approve- or Deny-HttpServiceSshKey.</summary>
    [Parameter]
    public SwitchParameter Pending { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var name in StackName)
        {
            if (!PipedStackFitsRegion())
            {
                continue;
            }
            try
            {
                var service = Stacks;
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
