using Amazon.SecurityToken.Model;
using StackKit.Aws;
using StackKit.HttpService;
using StackKit.Keys;
using StackKit.Stacks;

namespace StackKit.SshKeys;

/// <summary>
/// A stack's SSH keys, through its key table (output <c>KeyTable</c>) and the caller's own AWS credentials: IAM decides
/// who may add or remove keys, and each key records who added it.
/// </summary>
internal sealed class SshKeyStore(AwsConnection aws, TimeProvider time)
{
    public async Task<SshKeyAddResult> AddAsync(string stackName, string publicKey, CancellationToken cancellationToken)
    {
        var key = Parse(publicKey);
        var table = await TableOfAsync(stackName, "add SSH keys to", cancellationToken).ConfigureAwait(false);
        var caller = await SdkCall.RunAsync(
            "GetCallerIdentity", token => aws.SecurityToken.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token), cancellationToken).ConfigureAwait(false);
        var item = SshKeyItem.From(key, time.GetUtcNow(), caller.Arn);
        var (added, existing) = await OnTableAsync(stackName, table, token => table.PutIfAbsentAsync(item, token), cancellationToken).ConfigureAwait(false);
        if (added)
        {
            return new SshKeyAddResult(SshKeyAddOutcome.Added, SshKeyItem.ToKey(stackName, item));
        }
        // Without the stored item, say only what is certain: the key, not when or by whom it was first added.
        var stored = existing is null
            ? new SshKey { StackName = stackName, Fingerprint = key.Fingerprint, Type = key.Type, Comment = key.Comment, KeyLine = key.Line, IsValid = true }
            : SshKeyItem.ToKey(stackName, existing);
        return new SshKeyAddResult(SshKeyAddOutcome.AlreadyPresent, stored);
    }

    public async Task<IReadOnlyList<SshKey>> ListAsync(string stackName, CancellationToken cancellationToken)
    {
        var table = await TableOfAsync(stackName, "list SSH keys of", cancellationToken).ConfigureAwait(false);
        var items = await OnTableAsync(stackName, table, table.ScanAsync, cancellationToken).ConfigureAwait(false);
        return items.Select(item => SshKeyItem.ToKey(stackName, item))
            .OrderBy(key => key.AddedAt ?? DateTimeOffset.MinValue)
            .ThenBy(key => key.Fingerprint, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<SshKeyRemoveOutcome> RemoveAsync(string stackName, string fingerprint, CancellationToken cancellationToken)
    {
        if (!SshKeyFingerprint.IsValid(fingerprint))
        {
            throw new ArgumentException(
                $"'{fingerprint}' is not an SSH key fingerprint; give it as Get-HttpServiceSshKey (or ssh-keygen -lf key.pub) prints it, " +
                $"such as {SshKeyFingerprint.Example}.", nameof(fingerprint));
        }
        var table = await TableOfAsync(stackName, "remove SSH keys from", cancellationToken).ConfigureAwait(false);
        var removed = await OnTableAsync(stackName, table, token => table.DeleteAsync(fingerprint, token), cancellationToken).ConfigureAwait(false);
        return removed ? SshKeyRemoveOutcome.Removed : SshKeyRemoveOutcome.DidNotExist;
    }

    private static OpenSshPublicKey Parse(string publicKey)
    {
        try
        {
            return OpenSshPublicKey.Parse(publicKey ?? throw new ArgumentNullException(nameof(publicKey)));
        }
        catch (FormatException invalid)
        {
            throw new ArgumentException($"The public key is refused: {invalid.Message}", nameof(publicKey), invalid);
        }
    }

    private async Task<SshKeyTable> TableOfAsync(string stackName, string action, CancellationToken cancellationToken)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var stack = await aws.CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false)
            ?? throw new StackNotFoundException(stackName, aws.Region.SystemName);
        if (!(stack.Tags.TryGetValue(StackKitTags.ManagedBy, out var by) && by == StackKitTags.ManagedByValue))
        {
            throw new StackNotManagedException(stack.StackName, stack.StackId, aws.Region.SystemName, action);
        }
        return stack.Outputs.TryGetValue(HttpServiceNames.KeyTableOutput, out var tableName) && tableName.Length > 0
            ? new SshKeyTable(aws.DynamoDB, tableName, stack.StackId)
            : throw new SshKeyStoreMissingException(stack.StackName, stack.StackId, aws.Region.SystemName);
    }

    // A stack whose table is gone (being deleted, rolled back) says so instead of DynamoDB's bare ResourceNotFoundException.
    private async Task<T> OnTableAsync<T>(string stackName, SshKeyTable table, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ResourceNotFoundException")
        {
            throw new SshKeyStoreMissingException(stackName, table.StackId, aws.Region.SystemName, table.Name, error);
        }
    }
}
