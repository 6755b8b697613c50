"""Every data contract of litcurate: the config schema and one pandera schema per table."""
