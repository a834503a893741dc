<?xml version="1.0" encoding="utf-8"?>
<!--
  A Konsulta feed (Atom or RSS) opened in a browser, shown as a page instead of raw XML.

  Every word on the page comes from the feed itself: konsulta_feeds writes its title, description and
  link names in the feed's language, so this one style sheet serves every language. The page uses the
  site's own style sheet, found beside this file, and requests nothing from any other origin.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <!-- This file's address as the feed wrote it (e.g. ../../theme/feeds/feed.xsl) gives the theme folder. -->
  <xsl:variable name="stylesheet-pi" select="/processing-instruction('xml-stylesheet')[contains(., 'text/xsl')]"/>
  <xsl:variable name="theme" select="substring-before(substring-after($stylesheet-pi, 'href=&quot;'), 'feeds/feed.xsl')"/>

  <xsl:template match="/">
    <xsl:apply-templates select="atom:feed | rss/channel"/>
  </xsl:template>

  <xsl:template match="atom:feed">
    <xsl:call-template name="page">
      <xsl:with-param name="lang" select="@xml:lang"/>
      <xsl:with-param name="title" select="atom:title"/>
      <xsl:with-param name="description" select="atom:subtitle"/>
      <xsl:with-param name="entries" select="atom:entry"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="rss/channel">
    <xsl:call-template name="page">
      <xsl:with-param name="lang" select="language"/>
      <xsl:with-param name="title" select="title"/>
      <xsl:with-param name="description" select="description"/>
      <xsl:with-param name="entries" select="item"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="page">
    <xsl:param name="lang"/>
    <xsl:param name="title"/>
    <xsl:param name="description"/>
    <xsl:param name="entries"/>
    <html lang="{$lang}" dir="ltr">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <xsl:if test="$theme">
          <link rel="stylesheet" href="{$theme}css/konsulta.css"/>
        </xsl:if>
      </head>
      <body>
        <main id="main" class="wrapper">
          <h1><xsl:value-of select="$title"/></h1>
          <p class="lead"><xsl:value-of select="$description"/></p>
          <ul class="inline-list">
            <xsl:for-each select="atom:link[@rel = 'alternate' or @rel = 'related'][@title]">
              <li><a href="{@href}"><xsl:value-of select="@title"/></a></li>
            </xsl:for-each>
          </ul>
          <xsl:if test="$entries">
            <ul class="document-list">
              <xsl:apply-templates select="$entries"/>
            </ul>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <xsl:call-template name="entry">
      <xsl:with-param name="lang" select="@xml:lang"/>
      <xsl:with-param name="title" select="atom:title"/>
      <xsl:with-param name="link" select="atom:link[@rel = 'alternate']/@href"/>
      <xsl:with-param name="date" select="substring(atom:updated, 1, 10)"/>
      <xsl:with-param name="datetime" select="atom:updated"/>
      <xsl:with-param name="summary" select="atom:summary"/>
      <xsl:with-param name="categories" select="atom:category/@label"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="item">
    <!-- RFC 822 "Mon, 02 Nov 2026 00:00:00 +0300" as 2026-11-02, as Atom's dates are shown: English
         month names would be wrong in every other language. The feed as a page of the site, linked
         above the entries, gives dates in words in the feed's language. -->
    <xsl:call-template name="entry">
      <xsl:with-param name="lang" select="dc:language"/>
      <xsl:with-param name="title" select="title"/>
      <xsl:with-param name="link" select="link"/>
      <xsl:with-param name="date" select="concat(substring(pubDate, 13, 4), '-', format-number(string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring(pubDate, 9, 3))) div 3 + 1, '00'), '-', substring(pubDate, 6, 2))"/>
      <xsl:with-param name="summary" select="description"/>
      <xsl:with-param name="categories" select="category"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="entry">
    <xsl:param name="lang"/>
    <xsl:param name="title"/>
    <xsl:param name="link"/>
    <xsl:param name="date"/>
    <xsl:param name="datetime"/>
    <xsl:param name="summary"/>
    <xsl:param name="categories"/>
    <li class="document-list__item" lang="{$lang}">
      <h2 class="document-list__title"><a href="{$link}"><xsl:value-of select="$title"/></a></h2>
      <p class="document-list__meta">
        <xsl:choose>
          <xsl:when test="$datetime"><time datetime="{$datetime}"><xsl:value-of select="$date"/></time></xsl:when>
          <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
        </xsl:choose>
        <xsl:for-each select="$categories">
          <xsl:text> · </xsl:text><xsl:value-of select="."/>
        </xsl:for-each>
      </p>
      <p class="document-list__summary"><xsl:value-of select="$summary"/></p>
    </li>
  </xsl:template>
</xsl:stylesheet>
