BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $templates = Join-Path $PSScriptRoot '../../templates'
}

Describe 'Export-HttpServiceTemplate' {
    It 'writes the same JSON template as the checked-in default' {
        $path = Join-Path $TestDrive 'service.json'
        Export-HttpServiceTemplate -Path $path
        Get-Content $path -Raw | Should -BeExactly (Get-Content (Join-Path $templates 'http-service.json') -Raw)
    }

    It 'picks YAML from the extension' {
        $path = Join-Path $TestDrive 'service.yaml'
        Export-HttpServiceTemplate -Path $path
        Get-Content $path -Raw | Should -BeExactly (Get-Content (Join-Path $templates 'http-service.yaml') -Raw)
    }

    It 'honours -Format over the extension and returns the file with -PassThru' {
        $file = Export-HttpServiceTemplate -Path (Join-Path $TestDrive 'service.template') -Format Yaml -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        Get-Content $file.FullName -TotalCount 1 | Should -BeLike 'AWSTemplateFormatVersion:*'
    }

    It 'shapes the template with the same options as New-HttpServiceStack' {
        $path = Join-Path $TestDrive 'alb.json'
        Export-HttpServiceTemplate -Path $path -LoadBalancer Application -NoSshAccess -AmiId ami-0123456789abcdef0
        $template = Get-Content $path -Raw | ConvertFrom-Json
        $types = $template.Resources.PSObject.Properties.Value.Type
        $types | Should -Contain 'AWS::ElasticLoadBalancingV2::LoadBalancer'
        $types | Should -Not -Contain 'AWS::ElasticLoadBalancing::LoadBalancer'
        $template.Parameters.PSObject.Properties.Name | Should -Not -Contain 'SshKeyName'
        $template.Parameters.AmiId.Default | Should -Be 'ami-0123456789abcdef0'
    }

    It 'rejects a bad AMI id at binding, naming it, and writes nothing' {
        $path = Join-Path $TestDrive 'bad.json'
        { Export-HttpServiceTemplate -Path $path -AmiId 'not-an-ami' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,StackKit.PowerShell.Cmdlets.ExportHttpServiceTemplateCommand' -ExpectedMessage "*'not-an-ami' is not a valid AmiId*"
        Test-Path $path | Should -BeFalse
    }

    It 'keeps an existing file with -NoClobber' {
        $path = Join-Path $TestDrive 'keep.json'
        Set-Content -Path $path -Value 'mine'
        { Export-HttpServiceTemplate -Path $path -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists*'
        Get-Content $path | Should -Be 'mine'
    }

    It 'overwrites an existing file by default, leaving no temporary file behind' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'overwrite')
        $path = Join-Path $folder 'service.json'
        Set-Content -Path $path -Value 'old'
        Export-HttpServiceTemplate -Path $path
        (Get-Content $path -Raw | ConvertFrom-Json).AWSTemplateFormatVersion | Should -Be '2010-09-09'
        @(Get-ChildItem -Force $folder).Name | Should -Be @('service.json')
    }

    It 'says which folder is missing' {
        { Export-HttpServiceTemplate -Path (Join-Path $TestDrive 'no/such/dir/t.json') -ErrorAction Stop } |
            Should -Throw -ErrorId 'TemplateNotWritten*' -ExpectedMessage '*no/such/dir*'
    }

    It 'refuses a path that is not on the file system' {
        { Export-HttpServiceTemplate -Path 'variable:template' -ErrorAction Stop } | Should -Throw -ErrorId 'NotAFileSystemPath*'
        Test-Path 'variable:template' | Should -BeFalse
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.json'
        Export-HttpServiceTemplate -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }
}

Describe 'Export-HttpServiceTemplate without -Path' {
    It 'writes the JSON template to the pipeline as one string, the checked-in default' {
        Push-Location $TestDrive
        try {
            $text = Export-HttpServiceTemplate
            @(Get-ChildItem $TestDrive).Count | Should -Be 0 -Because 'nothing is written to disk'
        }
        finally {
            Pop-Location
        }
        $text | Should -BeOfType ([string])
        $text | Should -BeExactly (Get-Content (Join-Path $templates 'http-service.json') -Raw)
    }

    It '-Format Yaml writes the YAML template, shaped by the options' {
        Export-HttpServiceTemplate -Format Yaml | Should -BeExactly (Get-Content (Join-Path $templates 'http-service.yaml') -Raw)
        (Export-HttpServiceTemplate -LoadBalancer Application | ConvertFrom-Json).Resources.PSObject.Properties.Value.Type | Should -Contain 'AWS::ElasticLoadBalancingV2::LoadBalancer'
    }
}
