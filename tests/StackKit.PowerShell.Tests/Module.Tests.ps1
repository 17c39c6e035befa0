BeforeAll {
    $manifest = Join-Path $PSScriptRoot '../../StackKit.psd1'
    Import-Module $manifest -Force
    $cmdlets = 'New-HttpServiceStack', 'Get-HttpServiceStack', 'Update-HttpServiceStack', 'Remove-HttpServiceStack', 'Export-HttpServiceTemplate',
        'Add-HttpServiceSshKey', 'Get-HttpServiceSshKey', 'Remove-HttpServiceSshKey', 'Approve-HttpServiceSshKey', 'Deny-HttpServiceSshKey',
        'Get-HttpServiceLog', 'Publish-HttpServiceImage',
        'Get-HttpServiceDeployment', 'Undo-HttpServiceStack'
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest and states the editions and version it supports' {
        $info = Test-ModuleManifest -Path $manifest -ErrorAction Stop
        $info.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $info.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'has the version set once for everything StackKit ships (Directory.Build.props)' {
        $props = [xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../Directory.Build.props'))
        $version = $props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
        (Test-ModuleManifest -Path $manifest).Version | Should -Be ([version]$version)
        (Get-Module StackKit).ImplementingAssembly.GetName().Version.ToString(3) | Should -Be $version
    }

    It 'exports exactly the fourteen cmdlets' {
        (Get-Command -Module StackKit).Name | Sort-Object | Should -Be ($cmdlets | Sort-Object)
    }

    It 'has a view in StackKit.Format.ps1xml for a type that exists, so a renamed type cannot lose its view unnoticed' {
        $format = [xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../src/StackKit.PowerShell/StackKit.Format.ps1xml'))
        $typeNames = $format.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName
        $typeNames | Should -Not -BeNullOrEmpty
        # The core's assembly through a type the module outputs: a fresh process may not have loaded it yet.
        $coreAssembly = (Get-Command Get-HttpServiceLog).OutputType.Type.Assembly
        $exported = (Get-Module StackKit).ImplementingAssembly, $coreAssembly | ForEach-Object { $_.GetExportedTypes().FullName }
        foreach ($typeName in $typeNames) {
            $exported | Should -Contain $typeName -Because "the view for $typeName selects a type the module outputs"
        }
        (Get-Command Get-HttpServiceLog).OutputType.Type.FullName | Should -BeIn $typeNames
    }
}

Describe 'Help for <_>' -ForEach @('New-HttpServiceStack', 'Get-HttpServiceStack', 'Update-HttpServiceStack', 'Remove-HttpServiceStack', 'Export-HttpServiceTemplate',
    'Add-HttpServiceSshKey', 'Get-HttpServiceSshKey', 'Remove-HttpServiceSshKey', 'Get-HttpServiceLog', 'Publish-HttpServiceImage') {
    BeforeAll {
        $help = Get-Help $_ -Full
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $own = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$($_)*[<]CommonParameters[>]*"
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        foreach ($name in $own) {
            $parameter = $help.Parameters.Parameter | Where-Object Name -EQ $name
            ($parameter.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }

    It 'shows INPUTS and OUTPUTS' {
        $full = Get-Help $_ -Full | Out-String -Width 200
        $full | Should -Match '(?m)^INPUTS\s+\S'
        $full | Should -Match '(?m)^OUTPUTS\s+\S'
        $outputs = @((Get-Command $_).OutputType.Name | Where-Object { $_ })
        foreach ($type in $outputs) { @($help.returnValues.returnValue.type.name) | Should -Contain $type }
        $piped = (Get-Command $_).Parameters.Values | Where-Object { $_.Attributes.ValueFromPipeline -contains $true -or $_.Attributes.ValueFromPipelineByPropertyName -contains $true }
        foreach ($parameter in $piped) { ($help.inputTypes.inputType.description | Out-String) | Should -BeLike "*-$($parameter.Name),*" }
    }

    It 'gives every optional parameter a default' {
        foreach ($name in $own) {
            $parameter = $help.Parameters.Parameter | Where-Object Name -EQ $name
            if ($parameter.required -eq 'false') { $parameter.defaultValue | Should -Not -BeNullOrEmpty -Because "-$name needs a default" }
        }
    }

    It 'links to its section of docs/cmdlets.md for Get-Help -Online' {
        (Get-Command $_).HelpUri | Should -Be "https://github.com/stackkit/stackkit/blob/main/docs/cmdlets.md#$($_.ToLowerInvariant())"
        $help.relatedLinks.navigationLink.uri | Should -Contain (Get-Command $_).HelpUri
        Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/cmdlets.md') | Should -BeLike "*## $_*"
    }

    It 'has at least one example' {
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        ($help.Examples.Example[0].Code | Out-String) | Should -Match $_
    }
}

Describe 'about_StackKit' {
    It 'shipped help describes today''s behaviour, never "the original"' {
        foreach ($file in Get-ChildItem (Join-Path $PSScriptRoot '../../en-US') -File) {
            (Get-Content -Raw $file.FullName) | Should -Not -Match '\boriginal\b' -Because "$($file.Name) ships with the module"
        }
        $xmlDocs = Get-ChildItem (Join-Path $PSScriptRoot '../../src/StackKit.PowerShell/bin/Release') -Recurse -Filter 'StackKit*.xml'
        $xmlDocs | Should -Not -BeNullOrEmpty
        foreach ($file in $xmlDocs) {
            (Get-Content -Raw $file.FullName) | Should -Not -Match '(?i)\bthe original\b' -Because "$($file.Name) ships in the packages"
        }
    }

    It 'is found by Get-Help and covers the model, credentials and regions, moto and the AWS CLI workflow' {
        $topic = Get-Help about_StackKit | Out-String
        foreach ($section in 'THE MODEL', 'CREDENTIALS AND REGIONS', 'PRODUCTION OPTIONS', 'MOTO FOR LOCAL USE', 'THE AWS CLI WORKFLOW') { $topic | Should -BeLike "*$section*" }
        $topic | Should -BeLike '*$StoredAWSRegion*'
    }
}

Describe 'The generated help' {
    It 'is what scripts/Build-CmdletHelp.ps1 writes from the doc comments now' {
        $fresh = Join-Path $TestDrive 'help'
        New-Item -ItemType Directory -Path $fresh | Out-Null
        & (Join-Path $PSScriptRoot '../../scripts/Build-CmdletHelp.ps1') -OutputFolder $fresh 6>$null
        $repo = Join-Path $PSScriptRoot '../..'
        Get-Content -Raw (Join-Path $repo 'en-US/StackKit.PowerShell.dll-Help.xml') |
            Should -BeExactly (Get-Content -Raw (Join-Path $fresh 'StackKit.PowerShell.dll-Help.xml')) -Because 'run scripts/Build-CmdletHelp.ps1 after changing a cmdlet'
        Get-Content -Raw (Join-Path $repo 'docs/cmdlets.md') | Should -BeExactly (Get-Content -Raw (Join-Path $fresh 'cmdlets.md'))
    }
}

Describe 'Tab completion' {
    It 'completes -Region from the regions AWS knows' {
        $line = 'Get-HttpServiceStack -Region eu-west-'
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Contain 'eu-west-1'
        $result.CompletionMatches.CompletionText | Should -Not -Contain 'us-east-1'
    }
}
