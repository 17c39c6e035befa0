namespace StackKit.Templates;

/// <summary>A template that CloudFormation would reject, or that StackKit cannot read: every problem found, each naming the logical ids involved.</summary>
public sealed class InvalidTemplateException : StackKitException
{
    /// <summary>An exception listing <paramref name="problems"/>.</summary>
    public InvalidTemplateException(IReadOnlyList<string> problems)
        : base("The template is invalid:" + string.Concat((problems ?? []).Select(problem => Environment.NewLine + "- " + problem))) =>
        Problems = problems ?? [];

    /// <summary>An exception with one problem.</summary>
    public InvalidTemplateException(string message)
        : this([message])
    {
    }

    /// <summary>An exception with no specific problem listed.</summary>
    public InvalidTemplateException()
        : this([])
    {
    }

    /// <summary>An exception with one problem and its cause.</summary>
    public InvalidTemplateException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>The problems, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
