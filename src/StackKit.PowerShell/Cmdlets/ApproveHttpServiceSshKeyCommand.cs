using System.Management.Automation;
using StackKit.PowerShell.Output;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Approves pending SSH keys of a stack with key approval: every server of the stack then accepts them.</para>
/// <para type="description">On a stack created or updated with -KeyApproval, a key POSTed with the service password
/// (or added by someone who may not approve) waits, pending, on no server, for 24 hours. Approving records your IAM
/// principal as its approver and starts the key's lifetime; every server accepts it within its sync interval (10
/// seconds by default). The right to approve is IAM's dynamodb:UpdateItem on the stack's key table. Asks for
/// confirmation unless -Force is given, and writes the approved key. A key that is not pending gets a warning.</para>
/// </summary>
/// <example>
/// <code>Get-HttpServiceSshKey web -Pending</code>
/// <para>Lists the keys waiting for a decision, with who POSTed them (http: and the client's address).</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceSshKey web -Pending | Where-Object Comment -eq 'alice@laptop' | Approve-HttpServiceSshKey</code>
/// <para>Asks for confirmation, then lets Alice's key in on every server.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Approve, "HttpServiceSshKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "approve-httpservicesshkey")]
[OutputType(typeof(SshKeyInfo))]
public sealed class ApproveHttpServiceSshKeyCommand : SshKeyFingerprintCmdlet
{
    /// <inheritdoc />
    private protected override string Action => "Approve the SSH key: every server of the stack will accept it";

    /// <inheritdoc />
    private protected override void Change(HttpServiceStacks service, string fingerprint)
    {
        var result = Await(token => service.ApproveSshKeyAsync(StackName, fingerprint, token));
        if (result.Outcome == SshKeyApproveOutcome.NotPending)
        {
            WriteWarning($"The store of stack '{StackName}' holds no pending key {fingerprint} (none at all, or its 24 hours for a decision are over); nothing was approved.");
            return;
        }
        if (result.Outcome == SshKeyApproveOutcome.AlreadyApproved)
        {
            WriteVerbose($"Key {fingerprint} of stack '{StackName}' was approved already; its approver is kept.");
        }
        if (result.Key is { } key)
        {
            WriteObject(Output(key));
        }
    }
}
