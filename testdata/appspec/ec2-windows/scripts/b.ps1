Write-Host b
