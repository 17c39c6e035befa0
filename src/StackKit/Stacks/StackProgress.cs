using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>One step of a stack operation as it happens: a resource (or the stack) reached a status.</summary>
/// <param name="StackName">The stack being watched.</param>
/// <param name="Event">The new stack event.</param>
public sealed record StackProgress(string StackName, StackEvent Event);
