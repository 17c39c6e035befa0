namespace StackKit.PowerShell;

/// <summary>The file formats Export-HttpServiceTemplate writes.</summary>
public enum TemplateFormat
{
    /// <summary>JSON, as templates/http-service.json.</summary>
    Json,

    /// <summary>YAML with CloudFormation's short-form tags (!Ref, !GetAtt, !Sub).</summary>
    Yaml,
}
