namespace StackKit.SshKeys;

/// <summary>
/// The stack has no SSH key store: no <c>KeyTable</c> output (it was created without the fleet key store, so each of
/// its servers keeps only the keys posted to it), or a table that no longer exists. The message says what to do.
/// </summary>
public sealed class SshKeyStoreMissingException : Exception
{
    internal SshKeyStoreMissingException(string stackName)
        : base(
            $"Stack '{stackName}' has no SSH key store (no KeyTable output): it was created without it " +
            "(-NoFleetKeyStore, or HttpServiceOptions.FleetKeyStore = false), so each server keeps only the keys POSTed to it " +
            "with /add_public_key. To manage keys for the whole fleet, deploy a stack with the key store (the default of " +
            "New-HttpServiceStack; it needs permission to create an IAM role) and move the service to it.")
    {
        StackName = stackName;
    }

    internal SshKeyStoreMissingException(string stackName, string tableName, Exception inner)
        : base(
            $"Stack '{stackName}' names the key table '{tableName}', which does not exist: the stack is being deleted or " +
            "failed to create it. Check the stack with Get-HttpServiceStack.", inner)
    {
        StackName = stackName;
    }

    /// <summary>The stack that was asked for.</summary>
    public string StackName { get; }
}
