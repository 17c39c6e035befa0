using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>
/// A stack as described, with its template read from CloudFormation on first use only: one update needs the template
/// for its options, its deploy history and the image grants, and reads it once.
/// </summary>
internal sealed class DescribedStack(CloudFormationClient cloudFormation, CloudFormationStack stack)
{
    private Task<string>? _template;

    public CloudFormationStack Stack { get; } = stack;

    /// <summary>The template CloudFormation holds for the stack (as it was sent), read at the first call.</summary>
    public Task<string> TemplateAsync(CancellationToken cancellationToken) =>
        _template ??= cloudFormation.GetTemplateAsync(Stack.StackId, cancellationToken);
}
