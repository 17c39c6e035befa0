BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
}

Describe 'The README''s PowerShell section, tried as a new user would' {
    It 'runs as written on moto in a fresh session' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        $block = [regex]::Match($readme, '(?s)The same on moto, with no AWS account.*?```powershell\r?\n(?<code>.*?)```').Groups['code'].Value
        $block | Should -BeLike '*New-HttpServiceStack*'
        $emptyHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'home')
        # The child's host may colour and wrap at 80 columns: compare the text without colours.
        $output = ((Invoke-ChildPwsh "`$ErrorActionPreference = 'Stop'; $block" @{ HOME = $emptyHome.FullName }) -join "`n") -replace '\x1b\[[0-9;]*m', ''
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'Status\s+: CREATE_COMPLETE'
        $output | Should -Match 'Servers\s+: 1 \(1-5\)'
        $output | Should -Match 'Url\s+: http://\S+-LoadBalancer-'
        $output | Should -Match 'UPDATE_COMPLETE\s+1 \(1-5\)\s+1/1'
        $output | Should -BeLike "*AWSTemplateFormatVersion: '2010-09-09'*"
    }
}
