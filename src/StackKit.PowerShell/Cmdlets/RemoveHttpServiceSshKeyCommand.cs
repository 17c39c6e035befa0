using System.Management.Automation;
using StackKit.SshKeys;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Removes SSH keys from a stack's key store: every server of the stack stops accepting them.</para>
/// <para type="description">Deletes each key from the stack's key table with your AWS credentials; every server takes
/// it out of authorized_keys at its next sync (10 seconds by default), and lines the servers did not write are never
/// touched. Asks for confirmation unless -Force is given. A key that is not in the store gets a warning, not an
/// error.</para>
/// </summary>
/// <example>
/// <code>Remove-HttpServiceSshKey -StackName web -Fingerprint SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU</code>
/// <para>Asks for confirmation, then revokes the key on every server.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceSshKey web -Region eu-west-1 | Remove-HttpServiceSshKey -Confirm:$false</code>
/// <para>Revokes every key of the stack named web in eu-west-1: each piped key is removed in the region it came from.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceSshKey web | Where-Object Comment -eq 'alice@laptop' | Remove-HttpServiceSshKey -Force</code>
/// <para>Revokes Alice's key without asking.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "HttpServiceSshKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "remove-httpservicesshkey")]
public sealed class RemoveHttpServiceSshKeyCommand : SshKeyFingerprintCmdlet
{
    /// <inheritdoc />
    private protected override string Action => "Remove the SSH key: no server of the stack will accept it any more";

    /// <inheritdoc />
    private protected override void Change(HttpServiceStacks service, string fingerprint)
    {
        var outcome = Await(token => service.RemoveSshKeyAsync(StackName, fingerprint, token));
        if (outcome == SshKeyRemoveOutcome.DidNotExist)
        {
            WriteWarning($"The store of stack '{StackName}' holds no key {fingerprint}; there was nothing to remove.");
        }
        else
        {
            WriteVerbose($"Removed key {fingerprint} from stack '{StackName}'; every server drops it at its next sync.");
        }
    }
}
