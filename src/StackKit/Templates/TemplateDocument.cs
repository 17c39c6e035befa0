using StackKit.Resources;

namespace StackKit.Templates;

/// <summary>
/// Turns a <see cref="Template"/> into the document tree the writers serialize, and a parsed tree back into a
/// template. Sections and attributes come out in CloudFormation's usual order, so output never churns.
/// </summary>
internal static class TemplateDocument
{
    public static ObjectExpression ToExpression(Template template)
    {
        var document = new ObjectExpression { ["AWSTemplateFormatVersion"] = Literal.Of(Template.FormatVersion) };
        document["Description"] = Optional(template.Description);
        document["Metadata"] = template.Metadata.Count == 0 ? null : template.Metadata;
        document["Parameters"] = Section(template.Parameters, p => p.LogicalId, Parameter);
        document["Conditions"] = Section(template.Conditions, c => c.LogicalId, c => c.Expression.Expression);
        document["Resources"] = Section(template.Resources, r => r.LogicalId, Resource);
        document["Outputs"] = Section(template.Outputs, o => o.LogicalId, Output);
        return document;
    }

    public static Template FromExpression(ObjectExpression document)
    {
        var template = new Template();
        // Conditions and DependsOn name what may come later in the document: they are linked once all is read.
        var links = new TemplateLinks();
        foreach (var section in document.Entries)
        {
            switch (section.Key)
            {
                case "AWSTemplateFormatVersion":
                    if (Text(section.Value, section.Key) != Template.FormatVersion)
                    {
                        throw new InvalidTemplateException($"AWSTemplateFormatVersion must be '{Template.FormatVersion}'.");
                    }
                    break;
                case "Description":
                    template.Description = Text(section.Value, section.Key);
                    break;
                case "Metadata":
                    foreach (var (id, body) in Entries(section.Value, section.Key))
                    {
                        template.Metadata[id] = body;
                    }
                    break;
                case "Parameters":
                    foreach (var (id, body) in Entries(section.Value, section.Key))
                    {
                        template.Add(ReadParameter(id, body));
                    }
                    break;
                case "Conditions":
                    foreach (var entry in Entries(section.Value, section.Key))
                    {
                        template.Add(new Condition(entry.Id, new Value<bool>(entry.Body)));
                    }
                    break;
                case "Resources":
                    foreach (var (id, body) in Entries(section.Value, section.Key))
                    {
                        template.Add(ReadResource(id, body, links));
                    }
                    break;
                case "Outputs":
                    foreach (var (id, body) in Entries(section.Value, section.Key))
                    {
                        template.Add(ReadOutput(id, body, links));
                    }
                    break;
                default:
                    throw new InvalidTemplateException(
                        $"Section '{section.Key}' is not supported; StackKit templates have Description, Metadata, Parameters, Conditions, Resources and Outputs.");
            }
        }
        links.Resolve(template);
        return template;
    }

    private static ObjectExpression Parameter(Parameter parameter)
    {
        var body = new ObjectExpression { ["Type"] = Literal.Of(parameter.Type) };
        body["Description"] = Optional(parameter.Description);
        body["Default"] = Optional(parameter.Default);
        body["AllowedValues"] = parameter.AllowedValues.Count == 0 ? null : new ListExpression(parameter.AllowedValues.Select(Literal.Of));
        body["AllowedPattern"] = Optional(parameter.AllowedPattern);
        body["MinValue"] = Number(parameter.MinValue);
        body["MaxValue"] = Number(parameter.MaxValue);
        body["ConstraintDescription"] = Optional(parameter.ConstraintDescription);
        body["NoEcho"] = parameter.NoEcho ? Literal.Of(true) : null;
        return body;
    }

    private static ObjectExpression Resource(Resource resource)
    {
        var body = new ObjectExpression { ["Type"] = Literal.Of(resource.Type) };
        body["Condition"] = Optional(resource.Condition?.LogicalId);
        body["DependsOn"] = resource.DependsOn.Count switch
        {
            0 => null,
            1 => Literal.Of(resource.DependsOn[0].LogicalId),
            _ => new ListExpression(resource.DependsOn.Select(dependency => Literal.Of(dependency.LogicalId))),
        };
        body["Properties"] = resource.Properties.Count == 0 ? null : resource.Properties;
        body["CreationPolicy"] = resource.CreationPolicy?.Properties;
        body["UpdatePolicy"] = resource.UpdatePolicy?.Properties;
        body["DeletionPolicy"] = Optional(resource.DeletionPolicy?.Value);
        body["UpdateReplacePolicy"] = Optional(resource.UpdateReplacePolicy?.Value);
        return body;
    }

    private static ObjectExpression Output(Output output)
    {
        var body = new ObjectExpression();
        body["Description"] = Optional(output.Description);
        body["Condition"] = Optional(output.Condition?.LogicalId);
        body["Value"] = output.Value.Expression;
        return body;
    }

    private static Parameter ReadParameter(string id, Expression body)
    {
        var attributes = Attributes(body, $"Parameter '{id}'");
        var parameter = new Parameter(id, Text(Required(attributes, "Type", id), $"Parameter '{id}' Type"));
        foreach (var attribute in attributes.Entries)
        {
            var where = $"Parameter '{id}' {attribute.Key}";
            switch (attribute.Key)
            {
                case "Type":
                    break;
                case "Description":
                    parameter.Description = Text(attribute.Value, where);
                    break;
                case "Default":
                    parameter.Default = Text(attribute.Value, where);
                    break;
                case "AllowedPattern":
                    parameter.AllowedPattern = Text(attribute.Value, where);
                    break;
                case "ConstraintDescription":
                    parameter.ConstraintDescription = Text(attribute.Value, where);
                    break;
                case "MinValue":
                    parameter.MinValue = ReadNumber(attribute.Value, where);
                    break;
                case "MaxValue":
                    parameter.MaxValue = ReadNumber(attribute.Value, where);
                    break;
                case "NoEcho":
                    parameter.NoEcho = attribute.Value is Literal { Value: bool flag } ? flag
                        : bool.TryParse(Text(attribute.Value, where), out var parsed) ? parsed
                        : throw new InvalidTemplateException($"{where} must be true or false.");
                    break;
                case "AllowedValues":
                    foreach (var value in Items(attribute.Value, where))
                    {
                        parameter.AllowedValues.Add(Text(value, where));
                    }
                    break;
                default:
                    throw Unsupported(where);
            }
        }
        return parameter;
    }

    // A whole number is written as one (50, not 50.0), as a person would.
    private static Literal? Number(double? value) =>
        value is not { } number ? null : Math.Floor(number) == number && Math.Abs(number) < long.MaxValue ? Literal.Of((long)number) : Literal.Of(number);

    private static double ReadNumber(Expression value, string where) =>
        value is Literal literal && literal.TryConvert<double>(out var number) ? number : throw new InvalidTemplateException($"{where} must be a number.");

    private static Resource ReadResource(string id, Expression body, TemplateLinks links)
    {
        var attributes = Attributes(body, $"Resource '{id}'");
        var resource = ResourceTypes.Create(id, Text(Required(attributes, "Type", id), $"Resource '{id}' Type"));
        foreach (var attribute in attributes.Entries)
        {
            var where = $"Resource '{id}' {attribute.Key}";
            switch (attribute.Key)
            {
                case "Type":
                    break;
                case "Condition":
                    var condition = Text(attribute.Value, where);
                    links.Condition($"Resource '{id}'", condition, linked => resource.Condition = linked);
                    break;
                case "DependsOn":
                    var dependencies = attribute.Value is ListExpression ? Items(attribute.Value, where) : [attribute.Value];
                    foreach (var dependency in dependencies)
                    {
                        links.Dependency(resource, Text(dependency, where));
                    }
                    break;
                case "Properties":
                    resource.Bind(Attributes(attribute.Value, where));
                    break;
                case "CreationPolicy":
                    resource.CreationPolicy = new CreationPolicy();
                    resource.CreationPolicy.Bind(Attributes(attribute.Value, where));
                    break;
                case "UpdatePolicy":
                    resource.UpdatePolicy = new UpdatePolicy();
                    resource.UpdatePolicy.Bind(Attributes(attribute.Value, where));
                    break;
                case "DeletionPolicy":
                    resource.DeletionPolicy = new DeletionPolicy(Text(attribute.Value, where));
                    break;
                case "UpdateReplacePolicy":
                    resource.UpdateReplacePolicy = new DeletionPolicy(Text(attribute.Value, where));
                    break;
                default:
                    throw Unsupported(where);
            }
        }
        return resource;
    }

    private static Output ReadOutput(string id, Expression body, TemplateLinks links)
    {
        var attributes = Attributes(body, $"Output '{id}'");
        var output = new Output(id, new Value<string>(Required(attributes, "Value", id)));
        foreach (var attribute in attributes.Entries)
        {
            var where = $"Output '{id}' {attribute.Key}";
            switch (attribute.Key)
            {
                case "Value":
                    break;
                case "Description":
                    output.Description = Text(attribute.Value, where);
                    break;
                case "Condition":
                    links.Condition($"Output '{id}'", Text(attribute.Value, where), linked => output.Condition = linked);
                    break;
                default:
                    throw Unsupported(where);
            }
        }
        return output;
    }

    private static ObjectExpression? Section<T>(IList<T> items, Func<T, string> id, Func<T, Expression> body)
    {
        if (items.Count == 0)
        {
            return null;
        }
        var section = new ObjectExpression();
        foreach (var item in items)
        {
            section[id(item)] = body(item);
        }
        return section;
    }

    private static Literal? Optional(string? text) => text is null ? null : Literal.Of(text);

    private static IEnumerable<(string Id, Expression Body)> Entries(Expression section, string where) =>
        Attributes(section, where).Entries.Select(entry => (entry.Key, entry.Value));

    private static ObjectExpression Attributes(Expression expression, string where) =>
        expression as ObjectExpression ?? throw new InvalidTemplateException($"{where} must be a mapping of names to values.");

    private static IReadOnlyList<Expression> Items(Expression expression, string where) =>
        (expression as ListExpression)?.Items ?? throw new InvalidTemplateException($"{where} must be a list.");

    private static string Text(Expression expression, string where) =>
        expression is Literal literal && literal.Value is not bool ? literal.ToString()
            : throw new InvalidTemplateException($"{where} must be a plain string, not a list, mapping or function.");

    private static Expression Required(ObjectExpression attributes, string name, string id) =>
        attributes[name] ?? throw new InvalidTemplateException($"'{id}' has no {name}; add one.");

    private static InvalidTemplateException Unsupported(string where) =>
        new($"{where} is not an attribute StackKit reads; remove it or model it in StackKit.Templates.");
}
