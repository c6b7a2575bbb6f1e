@echo off
rem The `hubkeeper` command of an installed Hubkeeper (on PATH when chosen at install).
rem The app binary runs the command in its main process: the shipped binary cannot run as plain Node.
"%~dp0..\..\Hubkeeper.exe" --hubkeeper-cli -- %*
