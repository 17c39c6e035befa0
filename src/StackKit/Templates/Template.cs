namespace StackKit.Templates;

/// <summary>
/// A CloudFormation template: metadata, parameters, conditions, resources and outputs, in the order they were added.
/// <see cref="Validate"/> checks references, ids and dependencies; the writers call it before writing.
/// </summary>
public sealed class Template
{
    /// <summary>The only template format version there is.</summary>
    public const string FormatVersion = "2010-09-09";

    /// <summary>What the template deploys.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// The template's Metadata section: data CloudFormation keeps with the template but does not act on (literals,
    /// lists and mappings only).
    /// </summary>
    public ObjectExpression Metadata { get; } = new();

    /// <summary>The parameters.</summary>
    public IList<Parameter> Parameters { get; } = new List<Parameter>();

    /// <summary>The conditions.</summary>
    public IList<Condition> Conditions { get; } = new List<Condition>();

    /// <summary>The resources.</summary>
    public IList<Resource> Resources { get; } = new List<Resource>();

    /// <summary>The capabilities a create or update of this template must acknowledge, from its resources.</summary>
    internal IReadOnlyList<Capability> RequiredCapabilities =>
        [.. Resources.Select(resource => resource.RequiredCapability).OfType<Capability>().Distinct()];

    /// <summary>The outputs.</summary>
    public IList<Output> Outputs { get; } = new List<Output>();

    /// <summary>Adds a parameter and returns it, so it can be referred to.</summary>
    public Parameter Add(Parameter parameter)
    {
        Parameters.Add(parameter ?? throw new ArgumentNullException(nameof(parameter)));
        return parameter;
    }

    /// <summary>Adds a condition and returns it, so it can be referred to.</summary>
    public Condition Add(Condition condition)
    {
        Conditions.Add(condition ?? throw new ArgumentNullException(nameof(condition)));
        return condition;
    }

    /// <summary>Adds a resource and returns it, so it can be referred to.</summary>
    public T Add<T>(T resource)
        where T : Resource
    {
        Resources.Add(resource ?? throw new ArgumentNullException(nameof(resource)));
        return resource;
    }

    /// <summary>Adds an output and returns it.</summary>
    public Output Add(Output output)
    {
        Outputs.Add(output ?? throw new ArgumentNullException(nameof(output)));
        return output;
    }

    /// <summary>The resource with this logical id, or null.</summary>
    public Resource? FindResource(string logicalId) =>
        Resources.FirstOrDefault(resource => string.Equals(resource.LogicalId, logicalId, StringComparison.Ordinal));

    /// <summary>
    /// Throws <see cref="InvalidTemplateException"/>, naming the logical ids, when a reference dangles, an id
    /// is used twice or resources depend on each other in a circle.
    /// </summary>
    public void Validate() => TemplateChecks.Validate(this);
}
