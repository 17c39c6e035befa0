namespace StackKit.Templates;

/// <summary>
/// A parsed template's names of conditions (a resource's or an output's <c>Condition</c>) and of resources
/// (<c>DependsOn</c>), turned into the objects they name once every section is read.
/// </summary>
internal sealed class TemplateLinks
{
    private readonly List<(string Owner, string Name, Action<Condition> Link)> _conditions = [];
    private readonly List<(Resource Dependent, string Name)> _dependencies = [];

    public void Condition(string owner, string name, Action<Condition> link) => _conditions.Add((owner, name, link));

    public void Dependency(Resource dependent, string name) => _dependencies.Add((dependent, name));

    /// <exception cref="InvalidTemplateException">A name is no condition or resource of <paramref name="template"/>.</exception>
    public void Resolve(Template template)
    {
        var conditions = template.Conditions.ToDictionary(c => c.LogicalId, StringComparer.Ordinal);
        var resources = template.Resources.ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
        // Each section's ids are unique: the readers refuse a key that appears twice in one mapping.
        var problems = new List<string>();
        foreach (var (owner, name, link) in _conditions)
        {
            if (conditions.TryGetValue(name, out var condition))
            {
                link(condition);
            }
            else
            {
                problems.Add(TemplateChecks.MissingCondition(owner, name));
            }
        }
        foreach (var (dependent, name) in _dependencies)
        {
            if (resources.TryGetValue(name, out var resource))
            {
                dependent.DependsOn.Add(resource);
            }
            else
            {
                problems.Add(TemplateChecks.MissingDependency(dependent.LogicalId, name));
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidTemplateException(problems);
        }
    }
}
