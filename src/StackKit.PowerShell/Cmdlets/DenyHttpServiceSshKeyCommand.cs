using System.Management.Automation;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Denies pending SSH keys of a stack with key approval: they never reach a server.</para>
/// <para type="description">Deletes each pending key from the stack's key table with your AWS credentials. An approved
/// key is left as it is (Remove-HttpServiceSshKey takes it away), with a warning; so is a key the store does not
/// hold. Asks for confirmation unless -Force is given.</para>
/// </summary>
/// <example>
/// <code>Get-HttpServiceSshKey web -Pending | Where-Object AddedBy -eq 'http:203.0.113.7' | Deny-HttpServiceSshKey -Force</code>
/// <para>Denies, without asking, every pending key POSTed from one address.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Deny, "HttpServiceSshKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "deny-httpservicesshkey")]
public sealed class DenyHttpServiceSshKeyCommand : SshKeyFingerprintCmdlet
{
    /// <inheritdoc />
    private protected override string Action => "Deny the pending SSH key: it is deleted and never reaches a server";

    /// <inheritdoc />
    private protected override void Change(HttpServiceStacks service, string fingerprint)
    {
        switch (Await(token => service.DenySshKeyAsync(StackName, fingerprint, token)))
        {
            case SshKeyDenyOutcome.NotPending:
                WriteWarning($"Key {fingerprint} of stack '{StackName}' is approved, not pending: it was left as it is. Remove-HttpServiceSshKey takes it away.");
                break;
            case SshKeyDenyOutcome.DidNotExist:
                WriteWarning($"The store of stack '{StackName}' holds no key {fingerprint}; there was nothing to deny.");
                break;
            default:
                WriteVerbose($"Denied key {fingerprint} of stack '{StackName}'; no server ever accepted it.");
                break;
        }
    }
}
