using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>
/// How a watched operation ended: the stack as it now is, and the events seen on the way, oldest first. When the
/// instances' side showed the operation cannot succeed, the wait ended early: <paramref name="InstanceFailure"/> says
/// why, and the stack is still in progress.
/// </summary>
internal sealed record StackWatchOutcome(CloudFormationStack Stack, IReadOnlyList<StackEvent> Events, InstanceFailure? InstanceFailure = null);
