namespace StackKit;

/// <summary>
/// The stack has no SSH key store: no <c>KeyTable</c> output (it was created without it, so each of its servers keeps
/// only the keys posted to it), or a table that no longer exists. The message says what to do.
/// </summary>
public sealed class SshKeyStoreMissingException : StackException
{
    /// <summary>The stack was created without the fleet key store.</summary>
    public SshKeyStoreMissingException(string stackName, string stackId, string region)
        : base(
            $"Stack '{stackName}' has no SSH key store (no KeyTable output): it was created without the fleet key store, so each " +
            "server keeps only the keys POSTed to it with /add_public_key. To manage keys for the whole fleet, deploy a stack " +
            "with the key store (the default; it needs permission to create an IAM role) and move the service to it.",
            stackName, stackId, region)
    {
    }

    /// <summary>The stack names a key table that does not exist.</summary>
    public SshKeyStoreMissingException(string stackName, string stackId, string region, string tableName, Exception? innerException)
        : base(
            $"Stack '{stackName}' names the key table '{tableName}', which does not exist: the stack is being deleted or " +
            "failed to create it. Look at the stack's status.", stackName, stackId, region, innerException)
    {
    }
}
