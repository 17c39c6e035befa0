using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>How a watched operation ended: the stack as it now is, and the events seen on the way, oldest first.</summary>
internal sealed record StackWatchOutcome(CloudFormationStack Stack, IReadOnlyList<StackEvent> Events);
