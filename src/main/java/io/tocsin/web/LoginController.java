package io.tocsin.web;

import io.tocsin.identity.CurrentActor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return CurrentActor.principal().isPresent() ? "redirect:/" : "login";
    }
}
