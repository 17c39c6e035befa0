namespace StackKit.HttpService;

/// <summary>One option's change in an update: a new value, or removal (back to its default).</summary>
internal sealed record OptionChange(TemplateOption Option, bool Removes, object? Value);
