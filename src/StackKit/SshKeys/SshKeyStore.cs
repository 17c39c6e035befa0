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
    public async Task<SshKeyAddResult> AddAsync(SshKeyAddRequest request, CancellationToken cancellationToken)
    {
        var stackName = request.StackName;
        var key = Parse(request.PublicKey);
        // Checked before any call, against the caller's clock; the stack's default applies only when neither is given.
        request.ExpiryAt(time.GetUtcNow(), null);
        var table = await TableOfAsync(stackName, "add SSH keys to", cancellationToken).ConfigureAwait(false);
        var caller = await CallerAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (table.KeyApproval)
        {
            return await AddForApprovalAsync(stackName, table, key, caller, request.ExpiryAt(now, table.DefaultKeyLifetime) - now, now, cancellationToken).ConfigureAwait(false);
        }

        var item = SshKeyItem.From(key, now, caller, request.ExpiryAt(now, table.DefaultKeyLifetime));
        var (written, existing) = await OnTableAsync(stackName, table, token => table.PutAsync(item, token), cancellationToken).ConfigureAwait(false);
        if (written)
        {
            return new SshKeyAddResult(existing is null ? SshKeyAddOutcome.Added : SshKeyAddOutcome.Extended, SshKeyItem.ToKey(stackName, item));
        }
        // Without the stored item, say only what is certain: the key, not when or by whom it was first added, or until when.
        var stored = existing is null
            ? new SshKey { StackName = stackName, Fingerprint = key.Fingerprint, Type = key.Type, Comment = key.Comment, KeyLine = key.Line, IsValid = true }
            : SshKeyItem.ToKey(stackName, existing);
        return new SshKeyAddResult(SshKeyAddOutcome.AlreadyPresent, stored);
    }

    public async Task<SshKeyApproveResult> ApproveAsync(string stackName, string fingerprint, CancellationToken cancellationToken)
    {
        CheckFingerprint(fingerprint);
        var table = await TableOfAsync(stackName, "approve SSH keys of", cancellationToken).ConfigureAwait(false);
        var caller = await CallerAsync(cancellationToken).ConfigureAwait(false);
        return await OnTableAsync(stackName, table, token => ApproveOnAsync(stackName, table, fingerprint, caller, token), cancellationToken).ConfigureAwait(false);
    }

    public async Task<SshKeyDenyOutcome> DenyAsync(string stackName, string fingerprint, CancellationToken cancellationToken)
    {
        CheckFingerprint(fingerprint);
        var table = await TableOfAsync(stackName, "deny SSH keys of", cancellationToken).ConfigureAwait(false);
        var caller = await CallerAsync(cancellationToken).ConfigureAwait(false);
        var (denied, stored) = await OnTableAsync(stackName, table, token => table.DenyAsync(fingerprint, caller, time.GetUtcNow(), token), cancellationToken).ConfigureAwait(false);
        return denied ? SshKeyDenyOutcome.Denied : stored is null ? SshKeyDenyOutcome.DidNotExist : SshKeyDenyOutcome.NotPending;
    }

    // Pending first, then approved by the caller when IAM lets them (dynamodb:UpdateItem on the table): the approval is
    // IAM's decision, never the caller's say-so.
    private async Task<SshKeyAddResult> AddForApprovalAsync(
        string stackName, SshKeyTable table, OpenSshPublicKey key, string caller, TimeSpan? lifetime, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (written, existing) = await OnTableAsync(
            stackName, table, token => table.PutPendingAsync(SshKeyItem.Pending(key, now, caller, lifetime), now, token), cancellationToken).ConfigureAwait(false);
        if (!written)
        {
            var stored = existing is null
                ? new SshKey { StackName = stackName, Fingerprint = key.Fingerprint, Type = key.Type, Comment = key.Comment, KeyLine = key.Line, IsValid = true }
                : SshKeyItem.ToKey(stackName, existing, keyApproval: true);
            return new SshKeyAddResult(SshKeyAddOutcome.AlreadyPresent, stored);
        }

        try
        {
            var approved = await OnTableAsync(stackName, table, token => ApproveOnAsync(stackName, table, key.Fingerprint, caller, token), cancellationToken).ConfigureAwait(false);
            if (approved is { Outcome: SshKeyApproveOutcome.Approved, Key: { } approvedKey })
            {
                return new SshKeyAddResult(SshKeyAddOutcome.Added, approvedKey);
            }
        }
        catch (AwsServiceException denied) when (denied.ErrorCode == "AccessDeniedException")
        {
            // Not an approver: the key stays pending, as the outcome says.
        }

        var pending = await OnTableAsync(stackName, table, token => table.GetAsync(key.Fingerprint, token), cancellationToken).ConfigureAwait(false);
        return new SshKeyAddResult(SshKeyAddOutcome.Pending, pending is null
            ? new SshKey { StackName = stackName, Fingerprint = key.Fingerprint, Type = key.Type, Comment = key.Comment, KeyLine = key.Line, IsValid = true, State = SshKeyState.Pending }
            : SshKeyItem.ToKey(stackName, pending, keyApproval: true));
    }

    private async Task<SshKeyApproveResult> ApproveOnAsync(string stackName, SshKeyTable table, string fingerprint, string approver, CancellationToken cancellationToken)
    {
        var stored = await table.GetAsync(fingerprint, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var item = stored is null ? null : SshKeyItem.Read(stored);
        if (stored is null || item is null)
        {
            return new SshKeyApproveResult(SshKeyApproveOutcome.NotPending, null);
        }
        if (item.IsApproved && !item.IsExpiredAt(now))
        {
            return new SshKeyApproveResult(SshKeyApproveOutcome.AlreadyApproved, SshKeyItem.ToKey(stackName, stored, table.KeyApproval));
        }
        if (!item.IsPending || item.Lifetime is not { } lifetime || item.IsExpiredAt(now))
        {
            return new SshKeyApproveResult(SshKeyApproveOutcome.NotPending, SshKeyItem.ToKey(stackName, stored, table.KeyApproval));
        }

        var approved = await table.ApproveAsync(fingerprint, lifetime, approver, now, cancellationToken).ConfigureAwait(false);
        return approved is null
            ? new SshKeyApproveResult(SshKeyApproveOutcome.NotPending, SshKeyItem.ToKey(stackName, stored, table.KeyApproval))
            : new SshKeyApproveResult(SshKeyApproveOutcome.Approved, SshKeyItem.ToKey(stackName, approved, table.KeyApproval));
    }

    public async Task<IReadOnlyList<SshKey>> ListAsync(string stackName, CancellationToken cancellationToken)
    {
        var table = await TableOfAsync(stackName, "list SSH keys of", cancellationToken).ConfigureAwait(false);
        var items = await OnTableAsync(stackName, table, table.ScanAsync, cancellationToken).ConfigureAwait(false);
        return items.Select(item => SshKeyItem.ToKey(stackName, item, table.KeyApproval))
            .OrderBy(key => key.AddedAt ?? DateTimeOffset.MinValue)
            .ThenBy(key => key.Fingerprint, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<SshKeyRemoveOutcome> RemoveAsync(string stackName, string fingerprint, CancellationToken cancellationToken)
    {
        CheckFingerprint(fingerprint);
        var table = await TableOfAsync(stackName, "remove SSH keys from", cancellationToken).ConfigureAwait(false);
        var caller = await CallerAsync(cancellationToken).ConfigureAwait(false);
        var removed = await OnTableAsync(stackName, table, token => table.DeleteAsync(fingerprint, caller, time.GetUtcNow(), token), cancellationToken).ConfigureAwait(false);
        return removed ? SshKeyRemoveOutcome.Removed : SshKeyRemoveOutcome.DidNotExist;
    }

    // Who is calling, as IAM sees it: recorded on what they add, approve, deny or remove.
    private async Task<string> CallerAsync(CancellationToken cancellationToken) =>
        (await SdkCall.RunAsync(
            "GetCallerIdentity", token => aws.SecurityToken.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token), cancellationToken).ConfigureAwait(false)).Arn;

    private static void CheckFingerprint(string fingerprint)
    {
        if (!SshKeyFingerprint.IsValid(fingerprint))
        {
            throw new ArgumentException(
                $"'{fingerprint}' is not an SSH key fingerprint; give it as Get-HttpServiceSshKey (or ssh-keygen -lf key.pub) prints it, " +
                $"such as {SshKeyFingerprint.Example}.", nameof(fingerprint));
        }
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
            ? new SshKeyTable(aws.DynamoDB, tableName, stack.StackId, DefaultKeyLifetime(stack.Outputs),
                stack.Outputs.TryGetValue(HttpServiceNames.KeyApprovalOutput, out var approval) && approval == "true")
            : throw new SshKeyStoreMissingException(stack.StackName, stack.StackId, aws.Region.SystemName);
    }

    // The stack's default lifetime (output SshKeyLifetimeHours; 0: never); StackKit's default when the stack predates it
    // or says something unreadable, so that a key is never left without expiry by accident.
    private static TimeSpan? DefaultKeyLifetime(IReadOnlyDictionary<string, string> outputs)
    {
        var hours = outputs.TryGetValue(HttpServiceNames.SshKeyLifetimeOutput, out var text)
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : new HttpServiceOptions().SshKeyLifetimeHours;
        return hours == 0 ? null : TimeSpan.FromHours(hours);
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
