namespace StackKit;

/// <summary>
/// Everything a tool does with HTTP service stacks: create, read, list, update, delete and watch them, manage the SSH
/// keys their servers accept, preview an update and estimate its cost, read the service's logs, and diagnose a boot. <see cref="HttpServiceStacks"/> does it on AWS; a test double can
/// stand in for it. Every method can be cancelled; cancelling stops the wait, never the stack.
/// </summary>
public interface IHttpServiceStacks
{
    /// <summary>The region the stacks live in.</summary>
    string Region { get; }

    /// <summary>
    /// Checks every value, runs the checks before a deploy (see <see cref="HttpServiceStackRequest.SkipPreflight"/>),
    /// creates the stack and waits until it is CREATE_COMPLETE.
    /// </summary>
    /// <returns>The new stack, capacity included.</returns>
    /// <exception cref="ArgumentException">A bad value (<see cref="ArgumentException.ParamName"/> names the property); nothing was sent.</exception>
    /// <exception cref="PreflightException">A value would make every launch fail; nothing was sent to CloudFormation.</exception>
    /// <exception cref="StackOperationException">Creation failed: carries the root cause.</exception>
    /// <exception cref="StackWatchCanceledException">The wait was cancelled; the stack carries on.</exception>
    Task<HttpServiceStack> CreateAsync(HttpServiceStackRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="CreateAsync"/>, but returns once CloudFormation accepted the stack; follow it with <see cref="WatchAsync"/>.</summary>
    Task<HttpServiceStack> StartCreateAsync(HttpServiceStackRequest request, CancellationToken cancellationToken = default);

    /// <summary>One stack by name, with its live capacity and instance health.</summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    Task<HttpServiceStack> GetAsync(string stackName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="GetAsync"/>, and says why capacity falls short: each unhealthy instance's console lines and the
    /// group's latest failed launch.
    /// </summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    Task<HttpServiceStack> DiagnoseAsync(string stackName, CancellationToken cancellationToken = default);

    /// <summary>Every live stack StackKit created in the region, with capacity (read for several stacks at once).</summary>
    Task<IReadOnlyList<HttpServiceStack>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The names of every live stack StackKit created in the region: one call, no capacity read.</summary>
    Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes what the update sets, keeps everything else, and waits.</summary>
    /// <exception cref="ArgumentException">A bad value; nothing was sent.</exception>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was sent.</exception>
    /// <exception cref="StackOperationException">The update failed and rolled back: carries the root cause.</exception>
    Task<StackUpdateResult> UpdateAsync(string stackName, HttpServiceStackUpdate update, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// What <see cref="UpdateAsync"/> would do, from CloudFormation's own change set: each resource with Add, Modify
    /// or Remove and whether it is replaced, the parameters that change, and, for a new image, that the servers are
    /// replaced one by one. The change set is deleted once read, also when cancelled: nothing changes. The checks
    /// before deploying do not run. It reads the last drift detection's result (no detection is run) and, when the
    /// stack has drifted, names the resources changed outside StackKit and which of them the update changes
    /// (<see cref="StackChangePreview.DriftWarning"/>). When the update changes the instance type or an option, it
    /// prices the stack before and after (<see cref="StackChangePreview.CostChange"/>, see <see cref="EstimateStackCostAsync"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A bad value; nothing was sent.</exception>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was sent.</exception>
    /// <exception cref="ChangeSetFailedException">CloudFormation could not make the change set.</exception>
    Task<StackChangePreview> PreviewUpdateAsync(string stackName, HttpServiceStackUpdate update, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stack's deploys, newest first (at most 10), as its template's metadata records them: each image, the IAM
    /// principal that deployed it, when, and whether it serves now. The list holds deploys that took effect: an update
    /// CloudFormation rolled back takes its entry back with it. A stack made before the history starts it with its image
    /// of then, by an unknown principal.
    /// </summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit.</exception>
    Task<IReadOnlyList<HttpServiceDeployment>> ListDeploymentsAsync(string stackName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Goes back to the image that served before the current one, or to <see cref="HttpServiceUndoRequest.Image"/> from
    /// the stack's history: an update of the image, checked and recorded like <see cref="UpdateAsync"/>'s, but without rollback
    /// triggers, since an undo usually runs while a health alarm is in ALARM.
    /// </summary>
    /// <exception cref="StackException">The history has no image to go back to, or not the one named; nothing was sent.</exception>
    /// <exception cref="StackOperationException">The update failed and rolled back.</exception>
    Task<StackUpdateResult> UndoAsync(HttpServiceUndoRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>What <see cref="UndoAsync"/> would change, from CloudFormation's own change set (deleted again): nothing changes.</summary>
    /// <exception cref="StackException">The history has no image to go back to, or not the one named.</exception>
    Task<StackChangePreview> PreviewUndoAsync(HttpServiceUndoRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The image <see cref="UndoAsync"/> would go back to, read from the stack's history (nothing changes): for a
    /// confirmation that names it. Passing it as <see cref="HttpServiceUndoRequest.Image"/> makes the undo deploy exactly it.
    /// </summary>
    /// <exception cref="StackException">The history has no image to go back to, or not the one named.</exception>
    Task<string> FindUndoImageAsync(HttpServiceUndoRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs CloudFormation's drift detection on the stack and waits for it (seconds, or minutes for large stacks; at
    /// most 10 minutes): each resource changed or deleted outside StackKit with its property differences, and the
    /// resources CloudFormation could not check. A failed detection is reported in the result, with what it did check.
    /// Costs a call per few seconds of waiting; <see cref="PreviewUpdateAsync"/> reads its result without running it.
    /// </summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was sent.</exception>
    /// <exception cref="StackException">The stack is busy, CloudFormation refused detection, or it did not finish in time.</exception>
    Task<StackDrift> DetectDriftAsync(string stackName, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stack and waits; a stack that does not exist is reported, not an error.</summary>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was sent.</exception>
    /// <exception cref="StackOperationException">DELETE_FAILED: lists the resources that blocked it.</exception>
    Task<StackDeleteResult> DeleteAsync(string stackName, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Waits for whatever the stack is doing to end, reporting events from now on; returns at once if it is idle.</summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackOperationException">The operation ended in failure.</exception>
    Task<HttpServiceStack> WatchAsync(string stackName, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The service's log lines from every instance, interleaved by time, each with its instance; with
    /// <see cref="ServiceLogQuery.Follow"/>, new lines keep coming (within a few seconds) until
    /// <paramref name="cancellationToken"/> is cancelled, which ends the enumeration with an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="LogGroupMissingException">The stack has no central logs.</exception>
    /// <exception cref="ArgumentException">CloudWatch Logs refused the filter pattern.</exception>
    IAsyncEnumerable<ServiceLogEvent> ReadLogsAsync(string stackName, ServiceLogQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an SSH public key (one OpenSSH line) to the stack's key store until the request's expiry (the stack's default
    /// lifetime, <see cref="HttpServiceOptions.SshKeyLifetimeHours"/>, when it gives none); every server accepts it within its sync interval, and sshd refuses it after its time. Adding a key
    /// that is there already extends it when the request lets it in longer, and never shortens it. On a stack with
    /// <see cref="HttpServiceOptions.KeyApproval"/>, the key is stored pending and then approved by you when IAM lets you
    /// (dynamodb:UpdateItem on the key table); otherwise it stays <see cref="SshKeyAddOutcome.Pending"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The key or its lifetime is refused; nothing was sent.</exception>
    /// <exception cref="SshKeyStoreMissingException">The stack has no key store.</exception>
    Task<SshKeyAddResult> AddSshKeyAsync(SshKeyAddRequest request, CancellationToken cancellationToken = default);

    /// <summary>The SSH keys in the stack's key store, oldest first.</summary>
    /// <exception cref="SshKeyStoreMissingException">The stack has no key store.</exception>
    Task<IReadOnlyList<SshKey>> ListSshKeysAsync(string stackName, CancellationToken cancellationToken = default);

    /// <summary>Removes an SSH key by fingerprint (<c>SHA256:…</c>); a key that is not there is reported, not an error.</summary>
    /// <exception cref="ArgumentException">Not a fingerprint; nothing was sent.</exception>
    /// <exception cref="SshKeyStoreMissingException">The stack has no key store.</exception>
    Task<SshKeyRemoveOutcome> RemoveSshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default);

    /// <summary>
    /// The recent changes to the stack's SSH keys, newest first, from its audit trail (output <c>KeyAuditLog</c>): every
    /// add, approval, denial, removal and expiry, however the key table was written, usually within seconds of the
    /// change. From <paramref name="since"/> (default: 30 days ago), at most the newest 10,000.
    /// </summary>
    /// <exception cref="LogGroupMissingException">The stack has no audit trail (no key store, or made by an older StackKit).</exception>
    Task<IReadOnlyList<SshKeyChange>> ReadSshKeyHistoryAsync(string stackName, DateTimeOffset? since = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Builds a service project into an image with the .NET SDK's container support (no Docker) and pushes it to the
    /// stack's own repository (output <c>ImageRepositoryUri</c>) or to <see cref="ImagePublishRequest.Repository"/>,
    /// tagged with the project's version and git commit (<c>-dirty.TIME</c> for uncommitted changes). Built for
    /// linux/amd64, and linux/arm64 too when the stack's instance type is Graviton. Deploys nothing: pass the
    /// result's <see cref="ImagePublishResult.DockerImage"/> to <see cref="UpdateAsync"/>.
    /// </summary>
    /// <param name="request">The project and the destination.</param>
    /// <param name="progress">The build's and push's lines as they come (each cut at 500 characters; no credentials).</param>
    /// <param name="cancellationToken">Stops the build or push.</param>
    /// <exception cref="ArgumentException">No stack or repository named, or a malformed repository; nothing was built.</exception>
    /// <exception cref="StackNotFoundException">The named stack does not exist.</exception>
    /// <exception cref="ImagePublishException">No .NET SDK, a missing project, a build that failed, a registry that cannot be reached or refused the push (<see cref="ImagePublishException.Stage"/> says which).</exception>
    Task<ImagePublishResult> PublishImageAsync(ImagePublishRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Approves a pending SSH key by fingerprint (stacks with <see cref="HttpServiceOptions.KeyApproval"/>), recording
    /// your IAM principal as its approver; its lifetime starts now and every server accepts it within its sync
    /// interval. The right to approve is IAM's dynamodb:UpdateItem on the stack's key table.
    /// </summary>
    /// <exception cref="ArgumentException">Not a fingerprint; nothing was sent.</exception>
    /// <exception cref="SshKeyStoreMissingException">The stack has no key store.</exception>
    /// <exception cref="AwsServiceException">AccessDeniedException: you may not approve keys of this stack.</exception>
    Task<SshKeyApproveResult> ApproveSshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default);

    /// <summary>Denies a pending SSH key by fingerprint: its item goes, and it never reaches a server. An approved key is left as it is.</summary>
    /// <exception cref="ArgumentException">Not a fingerprint; nothing was sent.</exception>
    /// <exception cref="SshKeyStoreMissingException">The stack has no key store.</exception>
    Task<SshKeyDenyOutcome> DenySshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default);

    /// <summary>
    /// What a new stack from <paramref name="request"/> would cost a month (see <see cref="CostEstimate"/>): its
    /// instance type and options, at the fewest and the most servers, from the AWS Price List Query API (a few calls,
    /// cached on disk for a day). Nothing is created; a price that cannot be read is named, not guessed.
    /// </summary>
    /// <exception cref="ArgumentException">A bad option; nothing was sent.</exception>
    Task<CostEstimate> EstimateCostAsync(HttpServiceStackRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// What the stack costs a month (see <see cref="CostEstimate"/>): its instance type and the options its template
    /// was built with, at its group's fewest, current and most servers.
    /// </summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackException">The stack's template does not say which options it was built with.</exception>
    Task<CostEstimate> EstimateStackCostAsync(string stackName, CancellationToken cancellationToken = default);
}
