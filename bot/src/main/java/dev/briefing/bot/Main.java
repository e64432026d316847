package dev.briefing.bot;
public class Main { public static void main(String[] a) {} }
