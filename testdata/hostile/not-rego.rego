package ztguard.rules.hostile.syntax

findings contains {"message": } if {
